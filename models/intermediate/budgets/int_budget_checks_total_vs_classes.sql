{#
    Budget check 'total equals sum of classes': a coded table's 合计 line against the sum of its 类 lines, column
    by column. Judged in budget_checks.
#}
with

line_amounts as (
    select * from {{ ref('int_budget_amounts_scoped') }}
),

total_vs_classes as (
    -- The 合计 line equals the sum of the 类 (three-digit) lines, column by column (of its column group, in a table
    -- printed in groups).
    select
        total.document_id,
        'total equals sum of classes' as check_name,
        total.table_short || ' ' || coalesce(total.name, '合计') as subject,
        total.measure,
        total.table_label || ': ' || coalesce(total.name, '合计') as source_a,
        total.line as line_a,
        total.funding_scope as funding_scope_a,
        total.organisation_scope as organisation_scope_a,
        total.amount_yuan as figure_a_yuan,
        total.precision_yuan as precision_a_yuan,
        any_value(total.table_label) || ': sum of ' || count(*) || ' 类 lines' as source_b,
        min(class.line) as line_b,
        total.funding_scope as funding_scope_b,
        total.organisation_scope as organisation_scope_b,
        sum(class.amount_yuan) as figure_b_yuan,
        sum(class.precision_yuan) as precision_b_yuan,  -- the sum's rounding: each class's added up
        total.budget_amount_id as key_a,
        '类 lines' as key_b
    from line_amounts as total
    inner join line_amounts as class
        on total.budget_table_id = class.budget_table_id
        and total.column_number = class.column_number
        and total.side is not distinct from class.side
        and length(class.code) = 3
    where total.is_total_line and total.classification in ('functional', 'economic')
    group by all
)

select * from total_vs_classes
