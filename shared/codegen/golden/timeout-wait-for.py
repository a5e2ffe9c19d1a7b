"""A timeout with wait_for — exported from Flowloop.

Needs CPython 3.11+.
Every node is a coroutine function; its task is created the first time the node is
needed and shared by everyone who needs it. Prints the result as JSON.
"""

import asyncio
import json


node_tasks: dict[str, asyncio.Task] = {}


def demand(node) -> asyncio.Task:
    """The task running `node`: created the first time it is needed, then shared."""
    task = node_tasks.get(node.__name__)
    if task is None:
        task = node_tasks[node.__name__] = asyncio.create_task(node(), name=node.__name__)
    return task


def error_info(error: BaseException) -> dict:
    """An exception as gather(return_exceptions=True) results carry it."""
    return {"error": {"type": type(error).__name__, "message": str(error.args[0]) if error.args else ""}}


async def slow_call():
    await asyncio.sleep(10)
    return "too late"


# wait_for(…, 2)
async def limit():
    return await asyncio.wait_for(demand(slow_call), timeout=2)


async def fast_call():
    await asyncio.sleep(1)
    return "in time"


# wait_for(…, 2)
async def limit_fast():
    return await asyncio.wait_for(demand(fast_call), timeout=2)


async def outcomes():
    results = await asyncio.gather(demand(limit), demand(limit_fast), return_exceptions=True)
    return [error_info(result) if isinstance(result, BaseException) else result for result in results]


async def main():
    """Runs the workflow: gathers the nodes nothing else depends on."""
    (result,) = await asyncio.gather(demand(outcomes))
    return result


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main())))
