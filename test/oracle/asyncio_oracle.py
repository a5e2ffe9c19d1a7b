#!/usr/bin/python3
"""The reference for Flowloop's engine: a workflow graph run by real CPython asyncio.

Reads a graph (flowloop.graph/2 JSON) on stdin and prints the run report of docs/run-report.md on stdout.
It builds the program of docs/run-semantics.md with asyncio's own Task, gather, wait, wait_for, shield and
as_completed, on an event loop whose clock is virtual (VirtualClockLoop below), so the
report's times are exact and comparable with the engine's `clock: 'virtual'`.

    /usr/bin/python3 asyncio_oracle.py [--deadline SECONDS] < graph.flow.json

Run it with Debian's /usr/bin/python3 (3.11, with jmespath). No fetch nodes and no JavaScript
transforms: those cannot run here (exit status 2).

Node states are recorded exactly when the engine records them: `pending` when the task is
created, `running` when its coroutine is first resumed, and the end state inside the task step
in which the coroutine finishes. Done-callbacks would be one loop iteration late, so each node's
coroutine is wrapped in TracedCoroutine, which watches send/throw as the Task drives it.
"""
import argparse
import asyncio
import builtins
import collections.abc
import heapq
import json
import selectors
import sys

from asyncio import events

# ---------------------------------------------------------------------------------------------
# The virtual-clock event loop


class OrderedTimerHandle(events.TimerHandle):
    """A TimerHandle that, at equal deadlines, sorts by the order in which it was set.

    CPython's TimerHandle compares `_when` only, and heapq is not stable, so timers with exactly
    equal deadlines pop in heap order (e.g. 8 handles for t=1 pop as 0, 2, 6, 5, 7, 4, 1, 3).
    On a real clock that never matters: time.monotonic() advances between two call_at() calls,
    so a timer set later has a later deadline. Only a frozen (virtual) clock produces exact
    ties, and docs/run-semantics.md resolves them as the real clock does: in the order they were set.
    """

    __slots__ = ('_seq',)

    def __init__(self, when, callback, args, loop, context, seq):
        super().__init__(when, callback, args, loop, context)
        self._seq = seq

    def _key(self):
        return (self._when, self._seq)

    def __lt__(self, other):
        if isinstance(other, OrderedTimerHandle):
            return self._key() < other._key()
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, OrderedTimerHandle):
            return self._key() <= other._key()
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, OrderedTimerHandle):
            return self._key() > other._key()
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, OrderedTimerHandle):
            return self._key() >= other._key()
        return NotImplemented


class VirtualSelector(selectors.SelectSelector):
    """The loop's selector: instead of sleeping `timeout` seconds, it jumps the clock."""

    def __init__(self):
        super().__init__()
        self.on_idle = None

    def select(self, timeout=None):
        if timeout is None:
            raise RuntimeError('Deadlock: nothing is ready and no timer is set')
        if timeout > 0:
            self.on_idle()
        return super().select(0)


class VirtualClockLoop(asyncio.SelectorEventLoop):
    """asyncio's own loop (BaseEventLoop._run_once unchanged) on a virtual clock.

    When _run_once finds nothing ready it asks the selector to wait until the first timer;
    the selector sets the time to exactly that timer's `_when` (no `now + timeout` rounding),
    and _run_once then moves the due timers to the ready queue as usual.
    """

    def __init__(self):
        self._vtime = 0.0
        self._timer_seq = 0
        selector = VirtualSelector()
        super().__init__(selector)
        selector.on_idle = self._advance_to_first_timer
        self._clock_resolution = 1e-9  # what time.get_clock_info('monotonic') says on Linux

    def time(self):
        return self._vtime

    def _advance_to_first_timer(self):
        # _run_once dropped the cancelled handles at the head just before select().
        if self._scheduled:
            self._vtime = max(self._vtime, self._scheduled[0]._when)

    def call_at(self, when, callback, *args, context=None):
        # BaseEventLoop.call_at, with OrderedTimerHandle instead of TimerHandle.
        if when is None:
            raise TypeError('when cannot be None')
        self._check_closed()
        timer = OrderedTimerHandle(when, callback, args, self, context, self._timer_seq)
        self._timer_seq += 1
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer


# ---------------------------------------------------------------------------------------------
# Errors


def error_info(exc):
    return {'type': type(exc).__name__, 'message': str(exc.args[0]) if exc.args else ''}


_made_exceptions = {}


def exception_class(name):
    """A builtin exception by that name, or a new Exception subclass with that name."""
    builtin = getattr(builtins, name, None)
    if isinstance(builtin, type) and issubclass(builtin, Exception):
        return builtin
    cls = _made_exceptions.get(name)
    if cls is None:
        cls = _made_exceptions[name] = type(name, (Exception,), {})
    return cls


class Unsupported(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# Tracing a node's task without done-callbacks


class TracedCoroutine(collections.abc.Coroutine):
    """Wraps a node's coroutine; the Task drives it through send() and throw().

    It reports `running` on the first send, and the end state in the very send/throw in which
    the inner coroutine finishes: that is inside the task step where the task finishes.
    """

    def __init__(self, run, node_id, inner):
        self._run = run
        self._node_id = node_id
        self._inner = inner
        self._started = False
        self.task = None

    def send(self, value):
        if not self._started:
            self._started = True
            self._run.started(self._node_id)
        return self._drive(self._inner.send, value)

    def throw(self, typ, val=None, tb=None):
        if val is None and tb is None:
            return self._drive(self._inner.throw, typ)
        return self._drive(lambda _: self._inner.throw(typ, val, tb), None)

    def close(self):
        self._inner.close()

    def __await__(self):
        return self._inner.__await__()

    def _drive(self, resume, arg):
        try:
            return resume(arg)
        except StopIteration as stop:
            # C Task: a cancel requested during this very step wins over the return value.
            if self.task is not None and self.task._must_cancel:
                self._run.settled(self._node_id, 'cancelled', None, asyncio.CancelledError())
            else:
                self._run.settled(self._node_id, 'done', stop.value, None)
            raise
        except asyncio.CancelledError as exc:
            self._run.settled(self._node_id, 'cancelled', None, exc)
            raise
        except BaseException as exc:
            self._run.settled(self._node_id, 'failed', None, exc)
            raise


# ---------------------------------------------------------------------------------------------
# The graph as a program (docs/run-semantics.md)


class GraphRun:
    def __init__(self, graph, loop):
        self.loop = loop
        self.t0 = loop.time()
        self.nodes = {n['id']: n for n in graph['nodes']}
        incoming = {n['id']: [] for n in graph['nodes']}
        has_outgoing = set()
        for e in graph['edges']:
            incoming[e['target']].append((e['input'], e['source']))
            has_outgoing.add(e['source'])
        self.args_of = {nid: [src for _, src in sorted(lst)] for nid, lst in incoming.items()}
        self.terminals = [n['id'] for n in graph['nodes'] if n['id'] not in has_outgoing]
        self.tasks = {}
        self.created = []  # every task of the run, main first, in creation order
        self.reports = {
            nid: {'state': 'idle', 'result': None, 'error': None,
                  'createdAt': None, 'startedAt': None, 'endedAt': None}
            for nid in self.nodes
        }
        self.events = []
        self.retries = []  # each failed try a retry caught (docs/run-report.md)
        for n in graph['nodes']:
            if n['kind'] == 'fetch':
                raise Unsupported(f'node {n["id"]}: fetch nodes are not supported by the oracle')
            if n['kind'] == 'transform' and n.get('params', {}).get('language', 'javascript') != 'jmespath':
                raise Unsupported(f'node {n["id"]}: only JMESPath transforms are supported by the oracle')
            if n['kind'] == 'choose' and n.get('params', {}).get('language', 'jmespath') != 'jmespath':
                raise Unsupported(f'node {n["id"]}: only JMESPath conditions are supported by the oracle')

    # -- states

    def emit(self, node_id, state):
        t = self.loop.time() - self.t0
        self.events.append({'seq': len(self.events), 't': t, 'node': node_id, 'state': state})
        self.reports[node_id]['state'] = state
        return t

    def started(self, node_id):
        self.reports[node_id]['startedAt'] = self.emit(node_id, 'running')

    def settled(self, node_id, state, result, exc):
        report = self.reports[node_id]
        if state == 'done':
            report['result'] = result
        elif state == 'cancelled':
            report['error'] = {'type': 'CancelledError',
                               'message': str(exc.args[0]) if exc is not None and exc.args else ''}
        else:
            report['error'] = error_info(exc)
        report['endedAt'] = self.emit(node_id, state)

    # -- demand

    def demand(self, node_id):
        task = self.tasks.get(node_id)
        if task is None:
            node = self.nodes[node_id]
            body = self.with_retries(node) if 'retry' in node else self.node_coroutine(node)
            coro = TracedCoroutine(self, node_id, body)
            task = asyncio.create_task(coro, name=node_id)
            coro.task = task
            self.tasks[node_id] = task
            self.created.append(task)
            self.reports[node_id]['createdAt'] = self.emit(node_id, 'pending')
        return task

    async def main(self):
        results = await asyncio.gather(*[self.demand(t) for t in self.terminals])
        return results[0] if len(results) == 1 else list(results)

    async def arguments(self, arg_ids):
        # A coroutine node awaits its arguments one at a time, in order.
        args = []
        for arg_id in arg_ids:
            args.append(await self.demand(arg_id))
        return args

    async def with_retries(self, node):
        # docs/run-semantics.md, Retries: the node's whole coroutine, tried again after a failure.
        retry = node['retry']
        attempts = retry['attempts']
        for attempt in range(1, attempts + 1):
            try:
                return await self.node_coroutine(node)
            except Exception as exc:  # a cancellation is a BaseException: never retried
                if attempt == attempts or not retryable(retry, exc):
                    raise
                delay = retry.get('delay', 0) * retry.get('backoff', 1) ** (attempt - 1)
                self.retries.append({'t': self.loop.time() - self.t0, 'node': node['id'],
                                     'attempt': attempt, 'error': error_info(exc), 'delay': delay})
                await asyncio.sleep(delay)

    # -- node kinds

    async def node_coroutine(self, node):
        kind = node['kind']
        params = node.get('params') or {}
        arg_ids = self.args_of[node['id']]
        if kind == 'input':
            # The oracle is given no inputs: each takes its default.
            return params['default']
        if kind == 'value':
            await self.arguments(arg_ids)
            return params['value']
        if kind == 'sleep':
            args = await self.arguments(arg_ids)
            await asyncio.sleep(params['seconds'])
            if 'result' in params:
                return params['result']
            return args[0] if args else None
        if kind == 'fail':
            await self.arguments(arg_ids)
            after = params.get('after', 0) or 0
            if after > 0:
                await asyncio.sleep(after)
            raise exception_class(params.get('error', 'RuntimeError'))(params.get('message', ''))
        if kind == 'transform':
            args = await self.arguments(arg_ids)
            return run_jmespath(params['code'], args)
        if kind == 'sequence':
            results = []
            for arg_id in arg_ids:
                results.append(await self.demand(arg_id))
            return results
        if kind == 'choose':
            # if condition(subject): await the first branch, else the second (or None); the
            # branch not taken is never demanded.
            subject = await self.demand(arg_ids[0])
            if run_jmespath(params['condition'], [subject]):
                return await self.demand(arg_ids[1])
            return await self.demand(arg_ids[2]) if len(arg_ids) > 2 else None
        # The other combinators demand every argument at once, in order.
        ts = [self.demand(arg_id) for arg_id in arg_ids]
        if kind == 'gather':
            return_exceptions = bool(params.get('returnExceptions', False))
            results = await asyncio.gather(*ts, return_exceptions=return_exceptions)
            return [{'error': error_info(r)} if isinstance(r, BaseException) else r for r in results]
        if kind == 'wait':
            done, _pending = await asyncio.wait(
                ts, timeout=params.get('timeout'), return_when=params.get('returnWhen', 'ALL_COMPLETED'))
            return [t.result() for t in ts if t in done]
        if kind == 'wait_for':
            return await asyncio.wait_for(ts[0], params.get('timeout'))
        if kind == 'race':
            done, _pending = await asyncio.wait(ts, return_when=asyncio.FIRST_COMPLETED)
            winner = next(t for t in ts if t in done)
            for t in ts:
                if not t.done():
                    t.cancel()
            return winner.result()
        if kind == 'as_completed':
            results = []
            for next_done in asyncio.as_completed(ts):
                results.append(await next_done)
            return results
        if kind == 'shield':
            return await asyncio.shield(ts[0])
        raise Unsupported(f'unknown kind {kind}')


def retryable(retry, exc):
    if 'errors' not in retry and 'statuses' not in retry:
        return True
    if type(exc).__name__ in retry.get('errors', []):
        return True
    return type(exc).__name__ == 'HTTPError' and getattr(exc, 'status', None) in retry.get('statuses', [])


def run_jmespath(code, args):
    import jmespath
    try:
        return jmespath.search(code, args[0] if len(args) == 1 else args)
    except Exception as exc:  # noqa: BLE001 - any JMESPath failure is the node's TransformError
        raise exception_class('TransformError')(str(exc)) from exc


# ---------------------------------------------------------------------------------------------
# asyncio.run, with a deadline


def cancel_remaining(loop, created):
    """asyncio.runners._cancel_all_tasks, cancelling in task-creation order.

    CPython iterates asyncio.all_tasks(), a set, so its cancellation order is hash order; the
    engine (and docs/run-semantics.md's deterministic reading) cancels in creation order.
    """
    alive = asyncio.all_tasks(loop)
    unknown = [t for t in alive if t not in created]
    if unknown:
        raise RuntimeError(f'tasks the oracle did not create: {unknown}')
    to_cancel = [t for t in created if not t.done()]
    if not to_cancel:
        return
    for task in to_cancel:
        task.cancel()
    loop.run_until_complete(asyncio.gather(*to_cancel, return_exceptions=True))


def run_graph(graph, deadline=None):
    loop = VirtualClockLoop()
    asyncio.set_event_loop(loop)
    run = GraphRun(graph, loop)
    main_task = loop.create_task(run.main(), name='main')
    run.created.append(main_task)
    if deadline is not None:
        loop.call_later(deadline, main_task.cancel)
    status, result, error = 'done', None, None
    try:
        try:
            result = loop.run_until_complete(main_task)
        except BaseException as exc:  # CancelledError is a BaseException
            if not main_task.done():
                raise
            status = 'cancelled' if main_task.cancelled() else 'failed'
            error = error_info(exc)
    finally:
        cancel_remaining(loop, run.created)
        asyncio.set_event_loop(None)
        loop.close()
    report = {'status': status, 'result': result, 'error': error,
              'nodes': run.reports, 'events': run.events}
    if run.retries:
        report['retries'] = run.retries
    return report


def main(argv):
    parser = argparse.ArgumentParser(description='Run a Flowloop graph with CPython asyncio on a virtual clock.')
    parser.add_argument('--deadline', type=float, default=None,
                        help='cancel the main task after this many loop seconds')
    options = parser.parse_args(argv)
    graph = json.load(sys.stdin)
    try:
        report = run_graph(graph, options.deadline)
    except Unsupported as exc:
        print(f'asyncio_oracle: {exc}', file=sys.stderr)
        return 2
    json.dump(report, sys.stdout, allow_nan=False)
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
