#!/bin/sh
# Runs once, on an empty data volume: one role and one database per service, with the
# credentials of its <service>-db-app secret (the keys CloudNativePG writes in production).
set -eu

create() {
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v role="$1" -v password="$2" -v database="$3" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"database" OWNER :"role";
SQL
}

create "$USERS_DB_USERNAME" "$USERS_DB_PASSWORD" "$USERS_DB_NAME"
create "$PRODUCTS_DB_USERNAME" "$PRODUCTS_DB_PASSWORD" "$PRODUCTS_DB_NAME"
create "$ORDERS_DB_USERNAME" "$ORDERS_DB_PASSWORD" "$ORDERS_DB_NAME"
