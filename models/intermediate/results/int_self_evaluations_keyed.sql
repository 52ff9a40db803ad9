{#
    A project's self-evaluation keyed like its target tables, so its results line up with them and across years:
      1. linked to the target table its project published that year (int_self_evaluations_linked): that table's
         project_key;
      2. else a target table of the same unit with the same key basis (printed code, or normalised name, funding
         and batch) in another year, the nearest first: its project_key;
      3. else the key a target table with that basis would start (md5 of the basis), which the same project's
         self-evaluations of other years share.
    Department-wide self-evaluations have no project key.
#}
{{ config(materialized='table') }}

with

projects as (
    select * from {{ ref('int_project_tables_counted') }}
    where table_kind = 'project_self_evaluation'
),

documents as (
    select * from {{ ref('int_documents_regioned') }}
),

named as (
    select * from {{ ref('int_projects_named') }}
),

links as (
    select * from {{ ref('int_self_evaluations_linked') }}
),

targets as (
    select * from {{ ref('int_projects_keyed') }}
),

evaluations as (
    select
        projects.project_id,
        documents.budget_year,
        {{ project_key_basis(
            "coalesce(documents.region_code, 'document ' || documents.document_id) || ':' || projects.unit_name",
            'projects.project_code',
            'named.project_name_key',
            funding_key('named.funding_source'),
            "coalesce(named.batch, '')",
            'projects.project_id'
        ) }} as key_basis
    from projects
    inner join documents
        on projects.document_id = documents.document_id
    inner join named
        on projects.project_id = named.project_id
    where projects.unit_name is not null
),

by_link as (
    select
        links.project_id,
        targets.project_key,
        'published target table' as key_rule
    from links
    inner join targets
        on links.target_project_id = targets.project_id
    where targets.project_key is not null
),

by_basis as (
    select
        evaluations.project_id,
        targets.project_key,
        'same basis in another year' as key_rule
    from evaluations
    inner join targets
        on evaluations.key_basis = targets.key_basis
    where evaluations.project_id not in (select project_id from by_link)
        and targets.project_key is not null
    qualify row_number() over (
        partition by evaluations.project_id
        order by abs(targets.budget_year - evaluations.budget_year), targets.budget_year desc, targets.project_id
    ) = 1
),

by_own_basis as (
    select
        project_id,
        md5(key_basis) as project_key,
        'own basis' as key_rule
    from evaluations
    where project_id not in (select project_id from by_link union all select project_id from by_basis)
),

final as (
    select * from by_link
    union all
    select * from by_basis
    union all
    select * from by_own_basis
)

select * from final
