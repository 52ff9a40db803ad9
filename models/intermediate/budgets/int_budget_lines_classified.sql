{#
    Each budget line with its classification, code level (类/款/项 from the code's length), the name the
    classification seeds give for its code, and for the 支出 side of two-sided tables the functional 类 its name
    stands for (七、卫生健康支出 -> 210).
#}
{{ config(**by_document_config('int_document_revisions')) }}

with

lines as (
    select * from {{ ref('stg_raw__budget_lines') }}
    where {{ is_document_stale('document_id', ref('int_document_revisions')) }}
),

revisions as (
    select * from {{ ref('int_document_revisions') }}
),

tables as (
    select * from {{ ref('int_budget_tables_counted') }}
),

functional as (
    select * from {{ ref('functional_classification') }}
),

economic as (
    select * from {{ ref('economic_classification') }}
),

joined as (
    select
        lines.*,
        tables.table_number,
        tables.title as table_title,
        tables.statement,
        tables.classification as table_classification,
        case
            when tables.classification = 'income_expenditure' then lines.side
            else tables.classification
        end as classification,
        revisions.document_revision
    from lines
    inner join tables
        on lines.budget_table_id = tables.budget_table_id
    inner join revisions
        on lines.document_id = revisions.document_id
),

coded as (
    select
        joined.*,
        case
            when joined.code is null then null
            when joined.classification = 'functional' then
                case length(joined.code) when 3 then '类' when 5 then '款' when 7 then '项' end
            when joined.classification = 'economic' then
                case length(joined.code) when 3 then '类' when 5 then '款' end
        end as code_level,
        coalesce(functional.name, economic.name) as seed_name,
        case
            when joined.classification = 'functional' then joined.code
            when joined.classification = 'expenditure' then functional_by_name.code
        end as functional_code
    from joined
    left join functional
        on joined.classification = 'functional' and joined.code = functional.code
    left join economic
        on joined.classification = 'economic' and joined.code = economic.code
    left join functional as functional_by_name
        on joined.classification = 'expenditure'
        and functional_by_name.level = '类'
        and joined.name_bare = functional_by_name.name
),

flagged as (
    select
        *,
        code is not null and classification in ('functional', 'economic') and seed_name is null as is_code_unknown,
        seed_name is not null and replace(name, ' ', '') <> seed_name as is_name_different_from_seed
    from coded
)

select * from flagged
