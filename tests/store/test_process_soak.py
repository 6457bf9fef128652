"""A few seconds of tests/soak/process_soak.py: several processes, one journal, no errors.

The long run (10 minutes or more) is `python tests/soak/process_soak.py 600`.
"""

from __future__ import annotations

import pytest

from tests.soak.process_soak import report, soak


@pytest.mark.slow
def test_imports_backups_agendas_and_restores_from_three_processes_at_once(tmp_path):
    counts, examples, problems = soak(8, 3, 21, tmp_path)
    text = report(counts, examples, problems, 8, 3)
    errors = [k for k in counts if k[1].startswith(("error", "traceback", "refused-"))]
    assert not errors and not problems, text
    assert sum(counts.values()) > 20, text
    assert counts.get(("restore-hostile", "refused (expected)"), 0) > 0, text
