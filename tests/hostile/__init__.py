"""Hostile and careless use: bad files, crashes, floods, injected instructions, scope leaks.

Where each item of the hardening review (issue 15) is tested; those outside this folder need
the fixtures of their own folder (an in-process client, a fake LLM endpoint, a browser):

1. keys on every material route: `tests/api/test_limits.py`
   (`test_api_key_required_for_every_route_with_material`); the printable brief with a key:
   `tests/e2e/test_widget_brief.py` (`test_printable_brief_with_an_api_key`)
2. follow-ups do not grow: `test_follow_up_growth.py`
3. rate-limit buckets by address and key, forgotten when full: `test_rate_limit_keys.py`
4. LLM deltas marked provisional: `tests/llm/test_generated_answers.py`
   (`test_stream_passes_generated_tokens_through`), `tests/api/test_streaming.py`
5. instructions in documents are data, numbers tied to their year: `test_hostile_inputs.py`,
   `tests/llm/test_validate.py`
6. huvudman names that are common words: `test_common_word_names.py`
7. a row titled by its own huvudman: `tests/answer/test_packet_answer.py`
8. odd source ids are 404/422: `tests/api/test_sources.py`, `test_schema.py`
9. lean, cached scope list and one parse per upload: `tests/api/test_huvudman_list.py`,
   `tests/test_api.py`, `tests/test_pipeline.py`; large sheets streamed into the catalogue:
   `tests/ingest/test_large_sheets.py` (figures: `python -m evals.bench_sheet`)
10. conversations: documented in the README (anyone with the id and a key can read it)
"""
