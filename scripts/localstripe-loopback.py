"""Run localstripe for Clearbill's tests: loopback only, memory only, with Stripe's idempotency keys.

Usage: <localstripe venv>/bin/python scripts/localstripe-loopback.py --port-file FILE [--port N] [--parent-pid PID]

Why not the plain `localstripe` command:
- it listens on every interface (IPv4 and IPv6); tests must only listen on 127.0.0.1;
- it pickles its whole store to /tmp/localstripe.pickle after every write, a file shared with every other
  localstripe on the machine (and loaded by them at start);
- it ignores the `Idempotency-Key` header, which real Stripe honours and Clearbill relies on so that a retry
  never charges twice. The middleware below replays the first response for a repeated key, as Stripe does.
Port 0 (the default) lets the kernel choose a free port, written to --port-file once the socket is bound,
so a test never races another process for a port. With --parent-pid, the server exits when that process is
gone, so a crashed test run leaves nothing behind.
"""

import argparse
import asyncio
import json
import os
import signal
import socket
import sys

from aiohttp import web
from localstripe import resources, server

REPLAYABLE_METHODS = ('POST',)


def in_memory_only():
    resources.Store.dump_to_disk = lambda self: None


def idempotency_error(status, message):
    body = {'error': {'type': 'idempotency_error', 'message': message}}
    return web.json_response(body, status=status)


def make_idempotency_middleware():
    # (api key, idempotency key) -> (method, path, body, status, content type, response body)
    saved = {}
    in_progress = set()

    @web.middleware
    async def idempotency(request, handler):
        key = request.headers.get('Idempotency-Key')
        if request.method not in REPLAYABLE_METHODS or not key:
            return await handler(request)
        scope = (request.headers.get('Authorization', ''), key)
        body = await request.read()
        fingerprint = (request.method, request.path_qs, body)
        if scope in saved:
            first = saved[scope]
            if first[0] != fingerprint:
                return idempotency_error(
                    400, 'Keys for idempotent requests can only be used with the same parameters '
                         'they were first used with.')
            status, content_type, response_body = first[1]
            return web.Response(body=response_body, status=status, content_type=content_type,
                                headers={'Idempotent-Replayed': 'true'})
        if scope in in_progress:
            return idempotency_error(409, 'There is currently another in-progress request using this '
                                          'Idempotent Key.')
        in_progress.add(scope)
        try:
            response = await handler(request)
        finally:
            in_progress.discard(scope)
        # Stripe does not save answers to requests that never reached the endpoint (bad API key).
        if response.status != 401 and isinstance(response, web.Response):
            saved[scope] = (fingerprint, (response.status, response.content_type, response.body))
        return response

    return idempotency


async def exit_when_parent_is_gone(parent_pid):
    while True:
        await asyncio.sleep(0.5)
        if os.getppid() != parent_pid:
            os._exit(0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--port', type=int, default=0)
    parser.add_argument('--port-file', required=True)
    parser.add_argument('--parent-pid', type=int)
    args = parser.parse_args()

    if args.parent_pid and os.getppid() != args.parent_pid:
        sys.exit('--parent-pid %d is not this process\'s parent (%d)' % (args.parent_pid, os.getppid()))

    # A child inherits the signals its parent's thread blocked: started from Swift's test runner (Foundation's
    # Process keeps the mask), SIGTERM would stay blocked and the server could only be killed.
    signal.pthread_sigmask(signal.SIG_SETMASK, set())

    in_memory_only()
    app = server.app
    app.middlewares.insert(0, make_idempotency_middleware())

    if args.parent_pid:
        watchers = []  # holds the task: asyncio keeps only weak references to running tasks

        async def watch(_app):
            watchers.append(asyncio.ensure_future(exit_when_parent_is_gone(args.parent_pid)))
        app.on_startup.append(watch)

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(('127.0.0.1', args.port))
    port = sock.getsockname()[1]
    partial = args.port_file + '.partial'
    with open(partial, 'w') as f:
        json.dump({'port': port, 'pid': os.getpid()}, f)
    os.replace(partial, args.port_file)

    web.run_app(app, sock=sock, print=lambda *a: print(*a, file=sys.stderr), access_log=None)


if __name__ == '__main__':
    main()
