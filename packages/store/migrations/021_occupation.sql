-- Workers 18+: each resident's occupation as the register writes it (SIAK's JENIS_PKRJN, a name
-- such as KARYAWAN SWASTA or its code). Core's isWorkingOccupation says who counts as working;
-- a register without the column leaves it empty, and the workers figures are then 0.
alter table residents add column occupation text;
alter table residents_history add column occupation text;
