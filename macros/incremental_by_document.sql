{#
    Incremental models keyed by document. A model's rows of a document depend only on that document's raw rows
    and its revision (document_revision: an md5 of the whole raw.documents row, from stg_raw__documents, or for
    models that keep only counted tables int_document_revisions, which adds the document's counted tables). Each
    row carries the revision it was built from. An incremental run is a comparison of states, never of times:

    - by_document_config('revisions model') (the model's config): a pre_hook deletes the rows whose revision is no longer
      upstream (a changed, re-parsed or removed document, or one whose stated facts changed);
    - is_document_stale(revisions) (the model's filter): selects the documents whose upstream revision the model
      does not hold, i.e. those just deleted and those never built; their rows are appended.

    Both run in one transaction: a killed or failed run changes nothing, and whatever state a run leaves, the next
    one compares again and repairs it. A full refresh (make dbt when the dbt project changed) rebuilds everything.
#}
{% macro by_document_config(revisions) -%}
    {{ return(by_block_config(revisions, 'document_revision')) }}
{%- endmacro %}

{% macro is_document_stale(document_id, revisions) -%}
    {{ return(is_block_stale(document_id, revisions, 'document_id', 'document_revision')) }}
{%- endmacro %}

{#
    The same by block, for a model whose rows depend on several documents but fall into blocks that each depend on
    a few (indicator_changes: a project change, on the documents of its two projects). The revisions model has one
    row per block: its key and its revision (an md5 of everything the block's rows are built from); every row of the
    model carries its block's revision.
#}
{% macro by_block_config(revisions, revision) -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'append',
        'on_schema_change': 'fail',
        'pre_hook': "{{ delete_stale_blocks(ref('" ~ revisions ~ "'), '" ~ revision ~ "') }}",
    }) }}
{%- endmacro %}

{% macro delete_stale_blocks(revisions, revision) -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where {{ revision }} not in (select {{ revision }} from {{ revisions }})
    {%- endif -%}
{%- endmacro %}

{% macro is_block_stale(key_expression, revisions, key, revision) -%}
    {%- if is_incremental() -%}
        {{ key_expression }} in (
            select {{ key }} from {{ revisions }}
            where {{ revision }} not in (select {{ revision }} from {{ this }})
        )
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}
