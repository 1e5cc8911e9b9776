-- Binary COPY of the distances into the table of analysis/gaps_distances.
COPY _jarak (kode_prov, id, air, sanitasi) FROM STDIN (FORMAT BINARY);
