{#
    Each counted budget table with what its figures cover (budget_scopes seed, by title: funds and organisation)
    and how budget_checks names it (表N, else its title, else its place among the document's budget tables).
#}
{# Not a view like the rest of intermediate: the five budget checks read it, and as a view each would compute the
   counted tables (int_tables_deduplicated) again (budget_checks 40 times slower). Incremental by document
   (macros/incremental_by_document.sql): a table's scope depends on its own document's counted tables alone. #}
{{ config(**by_document_config('int_document_revisions')) }}
with

budget_tables as (
    select * from {{ ref('int_budget_tables_counted') }}
    where {{ is_document_stale('document_id', ref('int_document_revisions')) }}
),

revisions as (
    select * from {{ ref('int_document_revisions') }}
),

scopes as (
    select * from {{ ref('budget_scopes') }}
),

table_scopes as (
    select
        budget_tables.budget_table_id,
        budget_tables.document_id,
        budget_tables.budget_table_seq,
        budget_tables.table_number,
        budget_tables.title,
        budget_tables.amount_unit,
        -- A table printed without a number (表3 一般公共预算支出情况表 with no 预算公开表N) is named by its title, and
        -- one with neither by its place among the document's budget tables.
        coalesce('表' || budget_tables.table_number, budget_tables.title, 'budget table ' || budget_tables.budget_table_seq)
            as table_short,
        coalesce(nullif(concat_ws(' ', '表' || budget_tables.table_number, budget_tables.title), ''),
            'budget table ' || budget_tables.budget_table_seq) as table_label,
        scopes.funding_scope,
        scopes.organisation_scope,
        revisions.document_revision
    from budget_tables
    inner join revisions
        on budget_tables.document_id = revisions.document_id
    left join scopes
        on scopes.source = 'table' and regexp_matches(budget_tables.title, scopes.pattern)
    qualify row_number() over (partition by budget_tables.budget_table_id order by scopes.pattern) = 1
)

select * from table_scopes
