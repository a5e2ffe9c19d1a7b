#!/usr/bin/python3
"""Runs one command as a whole process and measures it the same way whatever it is.

    /usr/bin/python3 bench/measure_process.py OUT_FILE COMMAND [ARG ...]

The command's stdout goes to OUT_FILE, its stderr to ours. Prints one JSON line: the exit
status, the wall time from just before the fork to the wait4 that reaps the child
(time.perf_counter), the child's user and system CPU time, and its peak resident set size
(ru_maxrss, kilobytes on Linux), all from the child's own rusage as wait4 gives it. Used for
both sides of bench/whole-process.ts, so start-up, reading, running, writing and exit all count.
"""
import json
import os
import sys
import time


def main(argv):
    out_file, command = argv[0], argv[1:]
    with open(out_file, 'wb') as out:
        start = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            try:
                os.dup2(out.fileno(), 1)
                os.execvp(command[0], command)
            finally:
                os._exit(127)
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - start
    print(json.dumps({
        'status': os.waitstatus_to_exitcode(status),
        'wallMs': wall * 1000,
        'userMs': usage.ru_utime * 1000,
        'sysMs': usage.ru_stime * 1000,
        'maxRssKB': usage.ru_maxrss,
    }))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
