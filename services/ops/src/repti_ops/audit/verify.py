"""Check the audit log's hash chain end to end: `make audit-verify`.

Exit status 0 when every record is present, linked to the one before and matches its hash;
1 with the first record that does not, and why.
"""

from __future__ import annotations

import sys

from repti_ops.audit.chain import verify_chain
from reptidex_common.tasks.worker_db import worker_session


def main() -> int:
    with worker_session() as session:
        check = verify_chain(session)
    if check.intact:
        print(f"audit chain intact: {check.checked} records")
        return 0
    print(
        f"audit chain BROKEN at record {check.broken_at}: {check.reason} "
        f"({check.checked} records before it hold)"
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
