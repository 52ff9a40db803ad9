{#
    The cross-checks an auditor runs on a 部门预算公开, one row per check, subject and measure, with both
    figures, where each was printed (table and line), what each covers (budget_scopes seed: funds and
    organisation), and the verdict. Two figures of different scope (表1 all funds against 表4 fiscal
    appropriations; the narrative's 机关运行经费 of the administrative units against 表6 of the whole department)
    are 'not comparable', never inconsistent; two figures that differ by no more than rounding can explain (half
    the last printed digit of each, and of a sum of each figure summed: a 合计 of 2,940.05 万元 and its four 类 adding
    up to 2,940.06 may differ by 250 yuan) are 'within rounding'; a figure printed with fewer digits that is the other
    cut, not rounded, to those digits (268.77 万元 for 2,687,760 元) is 'truncated'. A blank cell counts as zero when
    summing, and is shown as null.
#}
with

documents as (
    select * from {{ ref('documents') }}
),

unioned as (
    -- one model per check, each with the same columns
    {{ union_all([
        'int_budget_checks_children_vs_parent',
        'int_budget_checks_total_vs_classes',
        'int_budget_checks_across_tables',
        'int_budget_checks_performance_vs_project_table',
        'int_budget_checks_narrative_vs_tables',
    ]) | indent(4) }}
),

judged as (
    select
        *,
        coalesce(figure_a_yuan, 0) - coalesce(figure_b_yuan, 0) as difference_yuan,
        -- what rounding alone can explain: half the last printed digit of each figure (of a sum: of each figure summed)
        if(precision_a_yuan is null and precision_b_yuan is null, null,
            ((coalesce(precision_a_yuan, 0) + coalesce(precision_b_yuan, 0)) / 2)::decimal(38, 4)) as tolerance_yuan,
        funding_scope_a is not distinct from funding_scope_b
            and organisation_scope_a is not distinct from organisation_scope_b as is_same_scope,
        -- One figure is the other cut to the fewer digits it is printed with (268.77 万元 for 2,687,760 元: rounded it
        -- would be 268.78). Two single figures only: a sum's precision is not a printed digit.
        check_name not in ('children sum to parent', 'total equals sum of classes') and (
            (precision_a_yuan > coalesce(precision_b_yuan, 0)
                and trunc(round(figure_b_yuan / precision_a_yuan, 6)) * precision_a_yuan = figure_a_yuan)
            or (precision_b_yuan > coalesce(precision_a_yuan, 0)
                and trunc(round(figure_a_yuan / precision_b_yuan, 6)) * precision_b_yuan = figure_b_yuan)
        ) as is_truncation
    from unioned
),

final as (
    select
        -- Built from structural parts only: the check and the ids of the two figures' cells (or claim, or
        -- project), each check's grain; never from printed text, which may be missing or repeat.
        md5(concat_ws('|', judged.check_name, judged.key_a, judged.key_b)) as budget_check_id,
        judged.document_id,
        documents.region_code,
        documents.issuer,
        documents.budget_year,
        judged.check_name,
        judged.subject,
        judged.measure,
        judged.source_a,
        judged.line_a,
        concat_ws(', ', judged.funding_scope_a, judged.organisation_scope_a) as scope_a,
        judged.figure_a_yuan,
        judged.source_b,
        judged.line_b,
        concat_ws(', ', judged.funding_scope_b, judged.organisation_scope_b) as scope_b,
        judged.figure_b_yuan,
        judged.difference_yuan,
        judged.tolerance_yuan,
        case
            when not judged.is_same_scope then 'not comparable'
            when judged.figure_b_yuan is null then 'unmatched'
            when judged.difference_yuan = 0 then 'consistent'
            when abs(judged.difference_yuan) <= judged.tolerance_yuan then 'within rounding'
            when judged.is_truncation then 'truncated'
            else 'inconsistent'
        end as status,
        case
            when not judged.is_same_scope then null
            else judged.figure_b_yuan is not null
                and (abs(judged.difference_yuan) <= coalesce(judged.tolerance_yuan, 0) or judged.is_truncation)
        end as is_consistent
    from judged
    left join documents
        on judged.document_id = documents.document_id
)

select * from final
