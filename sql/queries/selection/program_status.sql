-- Close or re-open a programme (trigger program_status_berubah does the rest).
UPDATE program SET status = %(status)s WHERE id = %(id)s RETURNING id
