-- Activity expenses: every gift, meal or trip a lobbying report itemises (LEXP_CD), with its beneficiary.
SELECT * FROM {lobbying_lines} AS line WHERE calaccess_table = 'lexp_cd'
