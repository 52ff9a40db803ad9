{#
    Each project with its kind (project_kinds seed), from the first rule of project_kind_rules (lowest priority)
    whose pattern matches the normalised name; the rule is kept so an analyst can see why, and a project no rule
    matches keeps a null kind (listed in marts.project_kinds_unmapped). The patterns are constants of the compiled
    SQL (macros/rules.sql), except in the model's unit test, where the seed's rows are given; the result is a
    table, read by its tests and by marts.projects.
#}
{{ config(materialized='table') }}

with

named as (
    select * from {{ ref('int_projects_named') }}
),

rules as (
    select * from {{ ref('project_kind_rules') }}
),

kinds as (
    select * from {{ ref('project_kinds') }}
),

{% if patterns_are_constant() %}

matches as (
    select
        named.project_id,
        rules.rule_id,
        rules.project_kind,
        1 as match_rank
    from named
    inner join rules
        on {{ first_matching_rule(ref('project_kind_rules'), 'named.project_name_normalised', 'rule_id', 'pattern',
                                  'priority, rule_id') }} = rules.rule_id
),

{% else %}

matches as (
    select
        named.project_id,
        rules.rule_id,
        rules.project_kind,
        row_number() over (partition by named.project_id order by rules.priority, rules.rule_id) as match_rank
    from named
    inner join rules
        on regexp_matches(named.project_name_normalised, rules.pattern)
),

{% endif %}

final as (
    select
        named.project_id,
        matches.project_kind,
        kinds.kind_zh as project_kind_zh,
        kinds.kind_en as project_kind_en,
        matches.rule_id as project_kind_rule
    from named
    left join matches
        on named.project_id = matches.project_id
        and matches.match_rank = 1
    left join kinds
        on matches.project_kind = kinds.project_kind
)

select * from final
