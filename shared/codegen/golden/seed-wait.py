"""Two pages and a nap, under asyncio.wait — exported from Flowloop.

Needs CPython 3.11+, aiohttp (pip install aiohttp).
Every node is a coroutine function; its task is created the first time the node is
needed and shared by everyone who needs it. Prints the result as JSON.
"""

import asyncio
import json

import aiohttp


class HTTPError(Exception):
    """The server answered with a status of 400 or more."""

    def __init__(self, message, status):
        super().__init__(message)
        self.status = status


class ResponseTooLarge(Exception):
    """The response body was larger than MAX_RESPONSE_BYTES."""


node_tasks: dict[str, asyncio.Task] = {}


def demand(node) -> asyncio.Task:
    """The task running `node`: created the first time it is needed, then shared."""
    task = node_tasks.get(node.__name__)
    if task is None:
        task = node_tasks[node.__name__] = asyncio.create_task(node(), name=node.__name__)
    return task


MAX_RESPONSE_BYTES = 10 * 1024 * 1024
session: aiohttp.ClientSession  # one session (one connection pool) for the run, opened by main()


async def fetch(method, url, *, headers=None, json_body=None, data=None, response_type="json", timeout=None):
    """One HTTP request through the run's session, failing as a Flowloop fetch node does."""
    if timeout is None:
        return await _request(method, url, headers, json_body, data, response_type)
    return await asyncio.wait_for(_request(method, url, headers, json_body, data, response_type), timeout)


async def _request(method, url, headers, json_body, data, response_type):
    try:
        async with session.request(method, url, headers=headers, json=json_body, data=data) as response:
            body = bytearray()
            async for chunk in response.content.iter_any():
                body += chunk
                if len(body) > MAX_RESPONSE_BYTES:
                    raise ResponseTooLarge(f"response from {url} is larger than the limit of 10 MiB")
            if response.status >= 400:
                raise HTTPError(f"{method} {url} answered {response.status} {response.reason or ''}".rstrip(), response.status)
    except aiohttp.ClientConnectionError as error:
        raise ConnectionError(f"cannot connect to {url}: {error}") from error
    if response_type == "status":
        return response.status
    text = body.decode()
    if response_type == "text":
        return text
    return json.loads(text) if text.strip() else None


async def cancel_unfinished():
    """Cancels the tasks still running, as asyncio.run() does when main() ends, but while the
    session is still open, so that they end cancelled rather than cut off."""
    unfinished = [task for task in node_tasks.values() if not task.done()]
    for task in unfinished:
        task.cancel()
    await asyncio.gather(*unfinished, return_exceptions=True)


# GET page A
async def page_a():
    return await fetch("GET", "https://example.com/", response_type="status")


# sleep(5)
async def nap():
    await asyncio.sleep(5)
    return None


# GET page B
async def page_b():
    return await fetch("GET", "https://www.python.org/", response_type="status")


# asyncio.wait
async def all_done():
    tasks = [demand(page_a), demand(nap), demand(page_b)]
    done, pending = await asyncio.wait(tasks)
    return [task.result() for task in tasks if task in done]


async def main():
    """Runs the workflow: gathers the nodes nothing else depends on."""
    global session
    async with aiohttp.ClientSession() as session:
        try:
            (result,) = await asyncio.gather(demand(all_done))
            return result
        finally:
            await cancel_unfinished()


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main())))
