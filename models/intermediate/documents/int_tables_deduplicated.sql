{#
    Counted once at the grain where it repeats: one row per table of a parsed document (a project's target or
    self-evaluation table, a budget table) and per document's 部门整体绩效目标 and narrative, with what it says
    (content_fingerprint) and whether it is the copy the marts count.

    The same table printed in several documents (same table_kind or statement, issuer, year, name, amounts and
    indicators; for a monitoring table also its reporting period and progress; a PDF, a DOCX and a text export of
    one disclosure, or a part of one document republished in another) is counted once: of its copies, the most
    complete reading (most fields and 一级/二级 cells filled) is counted, then the copy in the document that holds
    the most tables, the most indicator rows, a text layer over OCR, the fewest warnings, then the first file name
    (identical copies: nothing is lost by the choice). Each document keeps what only it has. A target table and a
    self-evaluation differ in table_kind, so they are never the same table, nor are two copies printing different
    units (a copy whose unit line was lost is a copy of the one unit its namesakes print). Within one document nothing is ever merged: the nth copy of a table in one document
    is matched to the nth in another. Blocked: copies are found only within one content_fingerprint (type, issuer,
    year and what it says) and unit, windows partitioned by them; the lost unit line is matched across units within
    the fingerprint (same issuer and year), never across all tables. What each table says is read by document in
    int_table_parts (incremental); only the choice of the counted copy is made here, across documents.
#}
{{ config(materialized='table') }}

with

documents as (
    select * from {{ ref('int_documents_regioned') }}
),

parts as (
    select * exclude (document_revision) from {{ ref('int_table_parts') }}
),

document_sizes as (
    select
        documents.document_id,
        count(parts.table_id) as n_parts,
        -- what the whole document says: who published a document whose issuer is unresolved
        md5(coalesce(string_agg(parts.content_said, '#' order by parts.table_type, parts.table_seq), '')) as said
    from documents
    left join parts
        on documents.document_id = parts.document_id
    group by documents.document_id
),

document_ranks as (
    -- The order documents are preferred in when copies of a table are equally complete.
    select
        documents.document_id,
        -- A table's publisher: the issuer, or for an unresolved one the whole of what its document says (tables of
        -- two unresolved documents are copies only where the documents say the same throughout; an empty table of
        -- one department is never taken for another's).
        coalesce(documents.issuer, 'unresolved issuer, document saying ' || document_sizes.said) as publisher,
        documents.budget_year,
        row_number() over (
            order by
                document_sizes.n_parts desc,
                documents.n_indicators desc nulls last,
                coalesce(documents.format, '') like '%+ocr' asc,
                documents.n_warnings asc nulls last,
                documents.file_name asc,
                documents.document_id asc
        ) as document_rank
    from documents
    inner join document_sizes
        on documents.document_id = document_sizes.document_id
    where documents.status not in ('failed', 'copy')
),

fingerprinted as (
    select
        parts.*,
        document_ranks.document_rank,
        md5(concat_ws('#', parts.table_type, document_ranks.publisher,
            coalesce(document_ranks.budget_year::varchar, ''), parts.content_said)) as content_fingerprint,
        -- Same kind of table, issuer, year, name (and reporting period): copies, or near-duplicates where the
        -- figures differ.
        md5(concat_ws('#', parts.table_type, coalesce(parts.table_kind, ''), document_ranks.publisher,
            coalesce(document_ranks.budget_year::varchar, ''), {{ folded_text('parts.table_name') }},
            {{ folded_text('parts.table_period') }})) as name_key
    from parts
    inner join document_ranks
        on parts.document_id = document_ranks.document_id
),

unit_normalised as (
    select
        *,
        {{ normalised_name('unit_name') }} as unit_normalised
    from fingerprinted
),

united as (
    -- Copies printing two different units are different units' tables, never one; a copy printing no unit (its unit
    -- line lost) is a copy of the one unit its namesakes print, where they print only one.
    select
        * exclude (unit_normalised),
        coalesce(
            unit_normalised,
            if(count(distinct unit_normalised) over same_content = 1, max(unit_normalised) over same_content, null)
        ) as unit_key
    from unit_normalised
    window same_content as (partition by content_fingerprint)
),

numbered as (
    -- The nth copy of a fingerprint and unit within a document (a table printed twice) matches the nth elsewhere.
    select
        *,
        row_number() over (
            partition by document_id, content_fingerprint, unit_key order by table_seq, table_id
        ) as occurrence
    from united
),

chosen as (
    select
        *,
        first_value(table_id) over same_table as counted_table_id,
        count(*) over same_table as n_copies
    from numbered
    window same_table as (
        partition by content_fingerprint, unit_key, occurrence
        order by completeness desc, document_rank asc
        rows between unbounded preceding and unbounded following
    )
),

final as (
    select
        table_id,
        document_id,
        table_type,
        table_seq,
        table_kind,
        table_name,
        content_fingerprint,
        name_key,
        unit_key,
        occurrence,
        completeness,
        document_rank,
        n_copies,
        counted_table_id,
        table_id = counted_table_id as is_counted
    from chosen
)

select * from final
