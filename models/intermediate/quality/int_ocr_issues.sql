{#
    What an analyst must check by hand in a document read from a scan, one row per finding: a cell that holds
    marks but gave no text (left blank, never guessed), an amount or a target read below the confidence
    threshold, any other cell read below it, and a 预算数 that does not equal the 财政资金 and 其他资金 printed
    beside it as read. Unioned into marts.parse_issues.
#}
with

cells as (
    select * from {{ ref('int_table_cells_recognised') }}
),

projects as (
    select * from {{ ref('stg_raw__project_tables') }}
),

indicators as (
    select * from {{ ref('stg_raw__indicator_rows') }}
),

recognised_projects as (
    select distinct project_id from cells where project_id is not null
),

cell_roles as (
    -- What a cell is, where a record took it: a target (指标值) on its indicator's line, or an amount of its
    -- project's header block.
    select
        cells.table_cell_id,
        max(case
            when {{ squash('indicators.target_raw') }} = cells.text_squashed then '指标值'
        end) as target_role,
        max(case
            when cells.text_squashed = {{ squash('projects.budget_printed') }} then '预算数'
            when cells.text_squashed = {{ squash('projects.fiscal_printed') }} then '财政资金'
            when cells.text_squashed = {{ squash('projects.other_printed') }} then '其他资金'
        end) as amount_role
    from cells
    left join indicators
        on cells.document_id = indicators.document_id
        and cells.line = indicators.line
    left join projects
        on cells.project_id = projects.project_id
    group by cells.table_cell_id
),

cell_findings as (
    select
        cells.document_id,
        cells.project_id,
        case when cells.is_unreadable or roles.target_role is not null or roles.amount_role is not null
            then 'warning' else 'info' end as severity,
        case when cells.is_unreadable then 'ocr_unreadable' else 'ocr_low_confidence' end as code,
        nullif(cells.text, '') as subject,
        'OCR: table block ' || cells.block_seq || ', row ' || cells.row_seq || ', column ' || cells.column_seq
        || case
            when cells.is_unreadable
                then ' holds marks but no text could be read from it (confidence '
                    || printf('%.2f', cells.confidence) || '); left blank: read it from the scan'
            else ' (' || coalesce(roles.amount_role, roles.target_role, 'text') || ') read as '''
                || cells.text || ''' at confidence ' || printf('%.2f', cells.confidence)
                || ', below ' || printf('%.2f', {{ var('ocr_min_confidence') }}) || ': check it against the scan'
        end as message,
        cells.line,
        cells.page,
        cells.block_seq,
        cells.row_seq,
        cells.column_seq
    from cells
    inner join cell_roles as roles
        on cells.table_cell_id = roles.table_cell_id
    where cells.is_below_threshold
),

budget_sums as (
    -- The sums printed beside a scanned budget: 预算数 = 财政资金 + 其他资金 (blank counts as zero).
    select
        projects.document_id,
        projects.project_id,
        'warning' as severity,
        'ocr_budget_sum' as code,
        projects.budget_printed as subject,
        'OCR: 预算数 ' || projects.budget_printed || ' does not equal 财政资金 '
        || coalesce(projects.fiscal_printed, '(blank)') || ' + 其他资金 ' || coalesce(projects.other_printed, '(blank)')
        || ' as read from the scan: one of them is misread or missing' as message,
        projects.first_line as line,
        projects.first_page as page,
        null::integer as block_seq,
        null::integer as row_seq,
        null::integer as column_seq
    from projects
    inner join recognised_projects
        on projects.project_id = recognised_projects.project_id
    where projects.budget_yuan is not null
        and (projects.fiscal_yuan is not null or projects.other_yuan is not null)
        and projects.budget_yuan <> coalesce(projects.fiscal_yuan, 0) + coalesce(projects.other_yuan, 0)
),

unioned as (
    select * from cell_findings
    union all
    select * from budget_sums
),

sequenced as (
    select
        row_number() over (
            partition by document_id order by page, line, block_seq, row_seq, column_seq, message
        ) as ocr_issue_seq,
        *
    from unioned
),

numbered as (
    select
        document_id || '-o' || {{ key_part('ocr_issue_seq', 4) }} as parse_issue_id,
        * exclude (ocr_issue_seq)
    from sequenced
)

select * from numbered
