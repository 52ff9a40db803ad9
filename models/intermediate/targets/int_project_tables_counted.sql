{# The project tables the marts count: one copy of a table printed in several documents (int_tables_deduplicated). #}
with

project_tables as (
    select * from {{ ref('stg_raw__project_tables') }}
    where {{ is_counted("project_id") }}
)

select * from project_tables
