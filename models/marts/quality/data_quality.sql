{#
    Findings about the documents, never failures of the build: each is a row an analyst can query. Every dbt test
    on a value a document prints has severity warn and its failing rows are rows here (the test's meta names the
    check: fiscal above budget, project name missing, amount unit missing, unit not printed, level1 unknown, level2
    unknown, project key shared); the warehouse's own invariants (keys, relationships, closed vocabularies) stay dbt errors. Table
    findings are about the copy the marts count (int_tables_deduplicated).
#}
with

documents as (
    select * from {{ ref('int_documents_regioned') }}
),

projects as (
    select * from {{ ref('projects') }}
),

project_tables as (
    -- the amounts as printed, of the counted tables (those of the projects mart)
    select * from {{ ref('int_project_tables_counted') }}
),

indicators as (
    select * from {{ ref('int_indicators_joined') }}
),

levels as (
    select * from {{ ref('int_indicators_classified') }}
),

amounts as (
    select * from {{ ref('int_budget_amounts_measured') }}
),

budget_tables as (
    select * from {{ ref('budget_tables') }}
),

duplicate_tables as (
    select * from {{ ref('duplicate_tables') }}
),

document_findings as (
    select
        document_id,
        document_id as subject_id,
        'document failed' as check_name,
        'warning' as severity,
        error_message as detail
    from documents
    where status = 'failed'
    union all
    select
        document_id,
        document_id,
        'region unresolved',
        'warning',
        case
            when stated_region_code is not null
                then 'stated region_code ' || stated_region_code || ' (' || stated_basis || ') is not a known region'
            when region_candidates is not null
                then 'issuer "' || issuer || '" names a district several cities have (' || region_candidates
                    || ') and the document prints none of their cities; state region_code in documents.csv'
            else 'no region found for issuer ' || coalesce('"' || issuer || '"', '(none read)')
        end || '; the document is left out of region comparisons'
    from documents
    where status not in ('failed', 'copy') and region_code is null
    union all
    select
        document_id,
        document_id,
        'year unknown',
        'warning',
        'no budget year printed or inferred; the document is left out of year comparisons'
    from documents
    where status not in ('failed', 'copy') and budget_year is null
),

project_labels as (
    -- How a project table is named in a finding: 表 number and name as printed.
    select
        project_id,
        document_id,
        'table ' || table_seq || coalesce(' (' || coalesce(project_name, title) || ')', '') as table_label
    from projects
),

project_findings as (
    -- A printed amount that is not a finite number within range (NaN, inf, 1e309, text) is null in the marts.
    select
        project_tables.document_id,
        project_tables.project_id || '-' || printed.field as subject_id,
        'amount not read' as check_name,
        'warning' as severity,
        printed.column_name || ' printed as "' || printed.value || '" is not a number (or out of range)' as detail
    from project_tables
    cross join lateral (
        values
            ('budget', '预算数', project_tables.budget_printed, {{ amount_number('project_tables.budget_printed') }}),
            ('fiscal', '财政资金', project_tables.fiscal_printed, {{ amount_number('project_tables.fiscal_printed') }}),
            ('other', '其他资金', project_tables.other_printed, {{ amount_number('project_tables.other_printed') }})
    ) as printed (field, column_name, value, amount)
    where nullif(trim(printed.value), '') is not null and printed.amount is null
    union all
    -- the warn test expression_is_true (fiscal_yuan <= budget_yuan) on projects
    select
        document_id,
        project_id,
        'fiscal above budget',
        'warning',
        '财政资金 ' || fiscal_yuan || ' yuan is more than 预算数 ' || budget_yuan || ' yuan'
    from projects
    where fiscal_yuan > budget_yuan
    union all
    -- the warn test not_null on projects.project_name
    select
        project_labels.document_id,
        project_labels.project_id,
        'project name missing',
        'warning',
        project_labels.table_label || ': no 项目名称 printed'
    from projects
    inner join project_labels
        on projects.project_id = project_labels.project_id
    where projects.project_name is null
    union all
    -- the warn test not_null on projects.amount_unit
    select
        project_labels.document_id,
        project_labels.project_id,
        'amount unit missing',
        'warning',
        project_labels.table_label || ': no amount unit (单位：万元 / 元) printed; its amounts are not converted to yuan'
    from projects
    inner join project_labels
        on projects.project_id = project_labels.project_id
    where projects.amount_unit is null and projects.budget_printed is not null
    union all
    -- the warn test not_null on projects.unit_name
    select
        project_labels.document_id,
        project_labels.project_id,
        'unit not printed',
        'warning',
        project_labels.table_label || ': no 预算单位 / 实施单位 printed; the project is in no unit (units, the unit rows '
            || 'of the summaries)'
    from projects
    inner join project_labels
        on projects.project_id = project_labels.project_id
    where projects.unit_name is null
    union all
    -- the warn test unique_combination (project_key, budget_year, amount_grain) on projects: one row per key, year
    -- and grain, as the test (a target table and its self-evaluation share a key at two grains)
    select
        min(document_id),
        concat_ws('-', project_key, budget_year, amount_grain),
        'project key shared',
        'warning',
        'project_key ' || project_key || ' is shared by ' || count(*) || ' projects of ' || budget_year || ' ('
            || coalesce(amount_grain, 'no grain') || '): '
            || string_agg(project_id || ' ' || coalesce(project_name, ''), ', ' order by project_id)
    from projects
    where project_key is not null
    group by project_key, budget_year, amount_grain
    having count(*) > 1
),

indicator_findings as (
    -- The warn tests not_null on indicators.level1 and level2, and each 一级 inferred from its 二级.
    select
        indicators.document_id,
        indicators.indicator_id as subject_id,
        finding.check_name,
        finding.severity,
        project_labels.table_label || ', ' || indicators.horizon || ' row ' || indicators.row_number || ': '
            || finding.detail as detail
    from indicators
    inner join levels
        on indicators.indicator_id = levels.indicator_id
    inner join project_labels
        on indicators.project_id = project_labels.project_id
    cross join lateral (
        values
            (
                levels.level1 is null,
                'level1 unknown',
                'warning',
                coalesce('一级 "' || indicators.level1 || '" is not a known label', 'no 一级 printed')
                    || coalesce(', nor is its 二级 "' || indicators.level2 || '"', ', and no 二级 printed')
            ),
            (
                levels.level2 is null,
                'level2 unknown',
                'warning',
                coalesce('二级 "' || indicators.level2 || '" is not a known label', 'no 二级 printed')
            ),
            (
                levels.level1_basis = 'inferred from 二级',
                'level1 inferred',
                'info',
                coalesce('一级 "' || indicators.level1 || '" is not a known label', 'no 一级 printed')
                    || '; read as ' || levels.level1 || ', the family of its 二级 ' || levels.level2
            )
    ) as finding (is_found, check_name, severity, detail)
    where finding.is_found
),

budget_findings as (
    select
        amounts.document_id,
        amounts.budget_line_id || '-c' || {{ key_part('amounts.column_number', 2) }} as subject_id,
        'amount not read' as check_name,
        'warning' as severity,
        'budget table cell "' || amounts.value_printed || '" is not a number (or out of range)' as detail
    from amounts
    where amounts.amount is null
    union all
    -- An amount column no measure claims: its figures are in budget_amounts only, in no total, never summed.
    select
        amounts.document_id,
        budget_tables.budget_table_id || '-c' || {{ key_part('amounts.column_number', 2) }},
        'budget column without measure',
        'warning',
        coalesce(nullif(concat_ws(' ', '表' || budget_tables.table_number, budget_tables.title), ''),
            'budget table ' || budget_tables.budget_table_seq)
            || ': column ' || amounts.column_number || ' ' || coalesce('"' || nullif(any_value(amounts.column_header), '')
                || '"', '(no header)') || ' (' || count(*) || ' amounts): ' || any_value(amounts.unmeasured_reason)
    from amounts
    inner join budget_tables
        on amounts.document_id = budget_tables.document_id
        and amounts.budget_table_seq = budget_tables.budget_table_seq
    where amounts.measure is null and amounts.amount is not null
    group by amounts.document_id, budget_tables.budget_table_id, budget_tables.table_number, budget_tables.title,
        budget_tables.budget_table_seq, amounts.column_number
),

table_findings as (
    -- Near-duplicates: the same table's name printed in two documents with other figures; both are counted.
    select
        document_id,
        table_id || '~' || other_table_id as subject_id,
        'near-duplicate table' as check_name,
        'warning' as severity,
        table_type || ' "' || coalesce(table_name, '') || '" (' || coalesce(table_kind, '') || ') prints '
            || coalesce(figures, '') || ' here and ' || coalesce(other_figures, '') || ' in ' || other_file_name
            || '; both are counted' as detail
    from duplicate_tables
    where relation = 'same name, different figures'
),

unioned as (
    select * from document_findings
    union all
    select * from project_findings
    union all
    select * from indicator_findings
    union all
    select * from budget_findings
    union all
    select * from table_findings
),

final as (
    select
        -- subject_id is unique within a check by construction (an id of the warehouse, with the field or column)
        md5(unioned.check_name || '|' || unioned.subject_id) as data_quality_id,
        unioned.document_id,
        documents.file_name,
        unioned.subject_id,
        unioned.check_name,
        unioned.severity,
        unioned.detail
    from unioned
    inner join documents
        on unioned.document_id = documents.document_id
)

select * from final
