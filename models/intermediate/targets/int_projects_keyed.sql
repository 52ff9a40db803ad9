{#
    One key for the same project across a unit's budget years. A project is linked to one project of the same
    unit in the unit's previous budget year in the warehouse, by the first rule that finds exactly one partner:
      1. printed code: the same 项目编码;
      2. normalised name: the same name (without year, batch, 项目/专项 and funding years), funding source and batch;
      3. similar name: the highest Jaro-Winkler similarity of the normalised names among projects still unlinked on
         both sides, at least var('project_name_similarity') (0.9), best for both and without a tie.
    A project with no link starts a key (md5 of its unit and normalised name, or code); a linked one takes its
    predecessor's key, so a chain of years shares one project_key.
#}
{{ config(materialized='table') }}

with recursive

projects as (
    select * from {{ ref('int_project_tables_counted') }}
),

documents as (
    select * from {{ ref('int_documents_regioned') }}
),

named as (
    select * from {{ ref('int_projects_named') }}
    where is_project_table
),

keyed_input as (
    select
        projects.project_id,
        -- A document whose region is unresolved keys its projects within itself: never linked to another region's.
        coalesce(documents.region_code, 'document ' || documents.document_id) || ':' || projects.unit_name as unit_id,
        documents.budget_year,
        named.project_code,
        named.project_name_key,
        {{ funding_key('named.funding_source') }} as funding_key,
        coalesce(named.batch, '') as batch_key
    from projects
    inner join named
        on projects.project_id = named.project_id
    inner join documents
        on projects.document_id = documents.document_id
    where documents.budget_year is not null and projects.unit_name is not null
),

unit_years as (
    select distinct unit_id, budget_year from keyed_input
),

previous_years as (
    select
        unit_id,
        budget_year,
        lag(budget_year) over (partition by unit_id order by budget_year) as previous_budget_year
    from unit_years
),

pairs as (
    select
        current_year.project_id,
        previous_year.project_id as previous_project_id,
        current_year.project_code,
        previous_year.project_code as previous_project_code,
        current_year.project_name_key,
        previous_year.project_name_key as previous_project_name_key,
        current_year.funding_key = previous_year.funding_key
            and current_year.batch_key = previous_year.batch_key as is_same_funding,
        jaro_winkler_similarity(current_year.project_name_key, previous_year.project_name_key) as name_similarity
    from keyed_input as current_year
    inner join previous_years
        on current_year.unit_id = previous_years.unit_id
        and current_year.budget_year = previous_years.budget_year
    inner join keyed_input as previous_year
        on previous_year.unit_id = current_year.unit_id
        and previous_year.budget_year = previous_years.previous_budget_year
),

by_code as (
    select project_id, previous_project_id, 'printed code' as link_rule, 1.0 as link_score
    from pairs
    where project_code is not null and project_code = previous_project_code
    qualify count(*) over (partition by project_id) = 1 and count(*) over (partition by previous_project_id) = 1
),

by_name as (
    select project_id, previous_project_id, 'normalised name' as link_rule, 1.0 as link_score
    from pairs
    where project_name_key = previous_project_name_key and is_same_funding
        and project_id not in (select project_id from by_code)
        and previous_project_id not in (select previous_project_id from by_code)
    qualify count(*) over (partition by project_id) = 1 and count(*) over (partition by previous_project_id) = 1
),

similar_candidates as (
    select project_id, previous_project_id, name_similarity
    from pairs
    where name_similarity >= {{ var('project_name_similarity') }}
        and project_id not in (select project_id from by_code union all select project_id from by_name)
        and previous_project_id not in (
            select previous_project_id from by_code union all select previous_project_id from by_name
        )
),

by_similarity as (
    -- The best partner on both sides, and a tie on either side links nothing (two 印刷费 of one unit in one year).
    select project_id, previous_project_id, 'similar name' as link_rule, round(name_similarity, 4) as link_score
    from similar_candidates
    qualify name_similarity = max(name_similarity) over (partition by project_id)
        and name_similarity = max(name_similarity) over (partition by previous_project_id)
        and count(*) over (partition by project_id, name_similarity) = 1
        and count(*) over (partition by previous_project_id, name_similarity) = 1
),

links as (
    select * from by_code
    union all
    select * from by_name
    union all
    select * from by_similarity
),

bases as (
    select
        project_id,
        budget_year,
        {{ project_key_basis('unit_id', 'project_code', 'project_name_key', 'funding_key', 'batch_key', 'project_id') }}
            as basis
    from keyed_input
),

roots as (
    -- A project without a predecessor starts a key from its code or normalised name (made unique within its
    -- unit and year by the project_id where two share one).
    select
        project_id,
        basis,
        count(*) over (partition by budget_year, basis) as n_sharing
    from bases
    where project_id not in (select project_id from links)
),

chain as (
    select
        project_id,
        md5(if(n_sharing > 1, basis || '|' || project_id, basis)) as project_key
    from roots
    union all
    select
        links.project_id,
        chain.project_key
    from links
    inner join chain
        on links.previous_project_id = chain.project_id
),

final as (
    select
        keyed_input.project_id,
        keyed_input.unit_id,
        keyed_input.budget_year,
        bases.basis as key_basis,
        chain.project_key,
        links.previous_project_id,
        links.link_rule,
        links.link_score
    from keyed_input
    left join chain
        on keyed_input.project_id = chain.project_id
    left join links
        on keyed_input.project_id = links.project_id
    left join bases
        on keyed_input.project_id = bases.project_id
)

select * from final
