{#
    Year over year, indicator by indicator, within every project that continued from one budget year to the
    next (project_changes): each indicator matched by horizon and 三级指标 name (whitespace and years removed;
    the nth of a repeated name with the nth), new where only the later year has it, dropped where only the
    earlier one does (indicator_change), and how a matched target moved by direction (target_change: same,
    reworded, tightened, loosened, incomparable; the vocabulary of int_indicators_linked, macros/target_changes.sql).
    A text that differs only by its years is the same target, and a deadline that moved with the budget year is
    the same deadline.
    Incremental by project change (macros/incremental_by_document.sql, by block): a run rebuilds the rows of the
    changes whose revision (int_indicator_change_revisions: the change and its two projects' documents) the table
    does not hold, reading only their projects' indicators.
#}
{{ config(**by_block_config('int_indicator_change_revisions', 'change_revision')) }}

with

changes as (
    -- with the revision its rows are built from
    select project_changes.*, change_revisions.change_revision
    from {{ ref('project_changes') }} as project_changes
    inner join {{ ref('int_indicator_change_revisions') }} as change_revisions
        on project_changes.project_change_id = change_revisions.project_change_id
    where
        project_changes.change = 'continued'
        and {{ is_block_stale('project_changes.project_change_id', ref('int_indicator_change_revisions'),
            'project_change_id', 'change_revision') }}
),

changed_projects as (
    select previous_project_id as project_id from changes
    union
    select project_id from changes
),

indicators as (
    -- whole projects only, so that each one's occurrences below number as in a full build
    select * from {{ ref('indicators') }}
    where project_id in (select project_id from changed_projects)
),

projects as (
    select project_id, budget_year from {{ ref('projects') }}
),

keyed as (
    select
        indicators.*,
        projects.budget_year,
        regexp_replace(coalesce(indicators.level3, ''), '\s+|\d{4}年?度?', '', 'g') as level3_key,
        regexp_replace(coalesce(indicators.target_raw, ''), '\s+|\d{4}年?度?', '', 'g') as target_key
    from indicators
    inner join projects
        on indicators.project_id = projects.project_id
),

numbered as (
    select
        *,
        row_number() over (partition by project_id, horizon, level3_key order by row_number) as occurrence
    from keyed
),

previous_side as (
    select numbered.*, changes.project_change_id
    from changes
    inner join numbered
        on changes.previous_project_id = numbered.project_id
),

current_side as (
    select numbered.*, changes.project_change_id
    from changes
    inner join numbered
        on changes.project_id = numbered.project_id
),

matched as (
    select
        coalesce(current_side.project_change_id, previous_side.project_change_id) as project_change_id,
        coalesce(current_side.horizon, previous_side.horizon) as horizon,
        coalesce(current_side.level3_key, previous_side.level3_key) as level3_key,
        coalesce(current_side.occurrence, previous_side.occurrence) as occurrence,
        previous_side.indicator_id as previous_indicator_id,
        current_side.indicator_id,
        coalesce(current_side.level2, previous_side.level2) as level2,
        previous_side.level3 as previous_level3,
        current_side.level3,
        coalesce(current_side.concept, previous_side.concept) as concept,
        previous_side.target_raw as previous_target_raw,
        current_side.target_raw,
        previous_side.target_kind as previous_target_kind,
        current_side.target_kind,
        previous_side.comparator as previous_comparator,
        current_side.comparator,
        previous_side.target_value_base as previous_target_value_base,
        current_side.target_value_base,
        previous_side.base_unit as previous_base_unit,
        current_side.base_unit,
        previous_side.deadline_date as previous_deadline_date,
        current_side.deadline_date,
        current_side.budget_year - previous_side.budget_year as years_apart,
        previous_side.target_key as previous_target_key,
        current_side.target_key
    from previous_side
    full outer join current_side
        on previous_side.project_change_id = current_side.project_change_id
        and previous_side.horizon = current_side.horizon
        and previous_side.level3_key = current_side.level3_key
        and previous_side.occurrence = current_side.occurrence
),

sides as (
    select
        *,
        previous_target_key as before_text,
        previous_target_kind as before_kind,
        previous_comparator as before_comparator,
        previous_target_value_base as before_value,
        previous_base_unit as before_unit,
        previous_deadline_date as before_deadline,
        target_key as after_text,
        target_kind as after_kind,
        comparator as after_comparator,
        target_value_base as after_value,
        base_unit as after_unit,
        deadline_date as after_deadline
    from matched
),

classified as (
    select
        *,
        case
            when previous_indicator_id is null then 'new'
            when indicator_id is null then 'dropped'
            else 'matched'
        end as indicator_change,
        case when previous_indicator_id is not null and indicator_id is not null then
            {{ target_change('before_', 'after_', 'to_years(years_apart)') }}
        end as target_change
    from sides
),

final as (
    select
        classified.project_change_id || '-' || classified.horizon || '-' || md5(classified.level3_key) || '-'
            || classified.occurrence as indicator_change_id,
        classified.project_change_id,
        changes.project_key,
        changes.unit_id,
        changes.region_code,
        changes.previous_budget_year,
        changes.budget_year,
        changes.previous_project_id,
        changes.project_id,
        classified.horizon,
        classified.previous_indicator_id,
        classified.indicator_id,
        classified.level2,
        classified.previous_level3,
        classified.level3,
        classified.concept,
        classified.indicator_change,
        classified.target_change,
        classified.previous_target_raw,
        classified.target_raw,
        classified.previous_comparator,
        classified.comparator,
        classified.previous_target_value_base,
        classified.target_value_base,
        if(classified.target_change in ('tightened', 'loosened'),
            classified.target_value_base - classified.previous_target_value_base, null) as target_value_change,
        coalesce(classified.base_unit, classified.previous_base_unit) as base_unit,
        classified.previous_deadline_date,
        classified.deadline_date,
        changes.change_revision
    from classified
    inner join changes
        on classified.project_change_id = changes.project_change_id
)

select * from final
