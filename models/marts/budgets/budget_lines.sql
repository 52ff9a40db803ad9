{{ config(**by_document_config('int_document_revisions')) }}

with

lines as (
    select * from {{ ref('int_budget_lines_classified') }}
    where {{ is_document_stale('document_id', ref('int_document_revisions')) }}
),

amounts as (
    select * from {{ ref('int_budget_amounts_measured') }}
    where {{ is_document_stale('document_id', ref('int_document_revisions')) }}
),

pivoted as (
    -- Blank cells have no amount row, so a measure a line leaves blank stays null (not zero).
    {% set pivoted_measures = ['total', 'basic', 'personnel', 'public', 'project', 'operating', 'remit_to_higher',
                               'subsidy_to_affiliates', 'income_total', 'general_budget', 'other_income',
                               'carryover_total', 'fiscal_general_budget', 'special_account', 'unit_funds',
                               'initial_budget', 'adjusted_budget'] %}
    select
        budget_line_id,
        {% for measure in pivoted_measures %}
        sum(amount_yuan) filter (where measure = '{{ measure }}') as {{ measure }}_yuan,
        {% endfor %}
        count(*) filter (where measure is null) as n_unmapped_amounts,
        -- a measure with no column of its own here (财政拨款收入, 事业收入, the 三公 items, ...): budget_amounts only
        count(*) filter (where measure not in ('{{ pivoted_measures | join("', '") }}')) as n_amounts_in_long_form_only
    from amounts
    group by budget_line_id
),

final as (
    select
        lines.budget_line_id,
        lines.budget_table_id,
        lines.document_id,
        lines.table_number,
        lines.table_title,
        lines.statement,
        lines.line_seq,
        lines.side,
        lines.classification,
        lines.code,
        lines.code_level,
        lines.functional_code,
        lines.name,
        lines.name_bare,
        lines.seed_name,
        lines.is_code_unknown,
        lines.is_name_different_from_seed,
        lines.is_total_line,
        lines.unit_name,
        lines.project_type,
        pivoted.* exclude (budget_line_id),
        lines.line,
        lines.page,
        lines.row_number_printed,
        lines.document_revision
    from lines
    left join pivoted
        on lines.budget_line_id = pivoted.budget_line_id
)

select * from final
