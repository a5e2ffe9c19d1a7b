#!/usr/bin/python3
"""The CPython side of the whole-process bench (bench/whole-process.ts): `flowloop run FILE
--clock virtual --json` written as a CPython asyncio program.

    /usr/bin/python3 bench/asyncio_workflow.py FILE > report.json

Reads the workflow file, runs its graph with CPython asyncio on a virtual clock, and writes the
run report of docs/run-report.md (status, result, error, nodes, events) as JSON on stdout, as the command
line does. The graph is run by the repository's CPython reference (run_graph in
test/oracle/asyncio_oracle.py): a task per node made with asyncio.create_task,
asyncio's own gather, its own event loop (BaseEventLoop._run_once) on a clock that jumps to the
next timer, and every state change recorded when it happens, so its report holds exactly the
engine's events. The report is written with json.dumps (the C encoder; json.dump would take the
pure-Python one, several times slower), compact like the command line's.
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'oracle'))

from asyncio_oracle import run_graph  # noqa: E402


def main(argv):
    if len(argv) != 1:
        print('usage: asyncio_workflow.py FILE', file=sys.stderr)
        return 2
    with open(argv[0], encoding='utf-8') as f:
        graph = json.load(f)
    report = run_graph(graph)
    sys.stdout.write(json.dumps(report, allow_nan=False, separators=(',', ':')))
    sys.stdout.write('\n')
    sys.stdout.flush()
    return 0 if report['status'] == 'done' else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
