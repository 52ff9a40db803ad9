{# The budget tables the marts count: one copy of a table printed in several documents (int_tables_deduplicated). #}
with

budget_tables as (
    select * from {{ ref('stg_raw__budget_tables') }}
    where {{ is_counted("budget_table_id") }}
)

select * from budget_tables
