"""Single households: their record with the reasons of their score (``detail``), and corrections
of their house data found in the field, with every old value kept (``corrections``)."""
