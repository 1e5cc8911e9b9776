-- Hash joins on or off for the rest of this transaction: off while the households of a drawn area
-- are joined to their scores. The planner prices some 60,000 probes of the score table's key above
-- hashing the whole table (1,000,000 wide rows), which measured twice as slow.
SELECT set_config('enable_hashjoin', %(nyala)s, true)
