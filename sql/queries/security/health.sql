SELECT version() AS postgres, postgis_lib_version() AS postgis, current_database() AS database
