#!/usr/bin/python3
"""Runs a workflow exported by `flowloop export --to python` and reports what it did, as JSON.

    /usr/bin/python3 run_python_export.py EXPORTED.py [--clock virtual|real] [--deadline SECONDS]

The exported file is imported as a module and its main() runs under asyncio.Runner — on the
test's virtual-clock loop (the oracle's VirtualClockLoop: sleeps are instant, times exact) or
on asyncio's real loop (for fetch nodes against a real server). The exported code does not
know which. Prints {status, result, error, tasks: {function name: state}, endTime}.
"""
import argparse
import asyncio
import importlib.util
import json
import pathlib
import sys

ORACLE_DIR = pathlib.Path(__file__).resolve().parents[1] / 'oracle'
sys.path.insert(0, str(ORACLE_DIR))
from asyncio_oracle import VirtualClockLoop  # noqa: E402


def load(path):
    spec = importlib.util.spec_from_file_location('exported_workflow', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def task_state(task):
    if not task.done():
        return 'running'
    if task.cancelled():
        return 'cancelled'
    return 'failed' if task.exception() is not None else 'done'


def error_info(exc):
    return {'type': type(exc).__name__, 'message': str(exc.args[0]) if exc.args else ''}


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument('path')
    parser.add_argument('--clock', choices=['virtual', 'real'], default='virtual')
    parser.add_argument('--deadline', type=float, default=None)
    options = parser.parse_args(argv)
    module = load(options.path)
    if hasattr(module, 'read_inputs'):
        # As the file's own `if __name__ == "__main__"` does: its inputs from its command line
        # (here none, so each takes its default).
        sys.argv = [options.path]
        module.INPUTS.update(module.read_inputs())

    status, result, error = 'done', None, None
    runner = asyncio.Runner(loop_factory=VirtualClockLoop if options.clock == 'virtual' else None)
    loop = runner.get_loop()
    main_task = loop.create_task(module.main())
    if options.deadline is not None:
        # A user's stop, set before the run begins as the engine sets it: cancel main's task.
        loop.call_later(options.deadline, main_task.cancel)
    try:
        result = loop.run_until_complete(main_task)
    except asyncio.CancelledError:
        status, error = 'cancelled', {'type': 'CancelledError', 'message': ''}
    except Exception as exc:  # noqa: BLE001 - the workflow's own failure is the outcome
        status, error = 'failed', error_info(exc)
    finally:
        runner.close()  # cancels the tasks still unfinished, as asyncio.run() does
    end_time = loop.time()
    json.dump({
        'status': status,
        'result': result,
        'error': error,
        'tasks': {name: task_state(task) for name, task in module.node_tasks.items()},
        'endTime': end_time,
    }, sys.stdout)
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
