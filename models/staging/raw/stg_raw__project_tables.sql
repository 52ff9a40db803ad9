{{ config(**by_document_config('stg_raw__documents')) }}
with

source as (
    select * from {{ source('raw', 'project_tables') }}
    where {{ is_document_stale('document_id', ref('stg_raw__documents')) }}
),

documents as (
    select document_id, document_revision from {{ ref('stg_raw__documents') }}
),

revised as (
    -- The document's revision on each row, for the incremental rebuild (macros/incremental_by_document.sql).
    select
        source.*,
        documents.document_revision
    from source
    inner join documents
        on source.document_id = documents.document_id
),

renamed as (
    select
        document_id || '-p' || {{ key_part('table_seq', 3) }} as project_id,
        document_id,
        table_seq,
        layout,
        table_kind,
        {{ clean_text('title') }} as title,
        title_number,
        unit_code,
        {{ clean_text('unit_name') }} as unit_name,
        amount_unit,
        {{ clean_text('project_name') }} as project_name,
        project_code,
        {{ clean_text('project_attribute') }} as project_attribute,
        {{ clean_text('supervising_department') }} as supervising_department,
        {{ clean_text('project_period') }} as project_period,
        budget as budget_printed,
        fiscal as fiscal_printed,
        other as other_printed,
        {{ amount_in_yuan('budget', 'amount_unit') }} as budget_yuan,
        -- A transfer payment states its fiscal money as 中央补助 + 地方资金.
        coalesce(
            {{ amount_in_yuan('fiscal', 'amount_unit') }},
            {{ amount_in_yuan('central_fiscal', 'amount_unit') }} + {{ amount_in_yuan('local_fiscal', 'amount_unit') }}
        ) as fiscal_yuan,
        {{ amount_in_yuan('central_fiscal', 'amount_unit') }} as central_fiscal_yuan,
        {{ amount_in_yuan('local_fiscal', 'amount_unit') }} as local_fiscal_yuan,
        {{ amount_in_yuan('other', 'amount_unit') }} as other_yuan,
        {{ amount_in_yuan('midterm_budget', 'amount_unit') }} as midterm_budget_yuan,
        {{ amount_in_yuan('midterm_fiscal', 'amount_unit') }} as midterm_fiscal_yuan,
        {{ amount_in_yuan('midterm_other', 'amount_unit') }} as midterm_other_yuan,
        {{ amount_in_yuan('carryover', 'amount_unit') }} as carryover_yuan,
        {{ clean_text('purpose') }} as purpose,
        {{ clean_text('goal') }} as goal,
        {{ clean_text('midterm_goal') }} as midterm_goal,
        {{ clean_text('goal_achieved') }} as goal_achieved,
        total_score as total_score_printed,
        extra,
        period_label,
        first_line,
        last_line,
        first_page,
        last_page,
        first_position,
        header_repeats,
        -- Self-evaluations: 总分 as a number.
        {{ printed_number('total_score') }} as total_score,
        -- Monitoring tables: the months reported on, as printed (1-7月), and the last of them (7).
        reporting_period,
        try_cast(regexp_extract(reporting_period, '(\d{1,2})\s*月', 1) as integer) as reported_through_month,
        document_revision
    from revised
)

select * from renamed
