"""A Redis cache that the site outlives: while Redis is gone, full or frozen, readers get uncached pages.

Django's RedisCache raises whatever Redis raises, so a stopped Redis turned every page, the API
(its rate limit counts in the cache) and every editor's save (it bumps the content version) into
a 500, and a frozen one held every request for as long as it stayed frozen. This backend:

- answers a failed call as a miss (`get` gives the default, `add` False, `set` stores nothing) and
  logs it, once per outage rather than once per call;
- after a failure, leaves Redis alone for RETRY_AFTER seconds (an option, default 2), so a frozen
  server costs one socket timeout per process every few seconds, not one per call;
- on its first successful contact after a failure, sends `reconnected` before anything is read. The
  content version listens (serving/signals.py): a publication saved while Redis was unreachable
  could not bump the version, so pages cached before the outage must not be served once it is back.

A full Redis (maxmemory with the noeviction policy) refuses writes but still answers reads: that is
logged, not treated as an outage. Production should let Redis evict instead (README, "Redis").

Short socket timeouts come from OPTIONS (settings.redis_cache); the state above is per process,
shared by its threads.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.dispatch import Signal
from redis.exceptions import OutOfMemoryError, RedisError

logger = logging.getLogger(__name__)

# Sent (with `cache`) when a cache answers again after failing, before the call that noticed goes on.
reconnected = Signal()

REFUSAL_LOG_INTERVAL = 60  # seconds between two "the cache is full" warnings of one process

# Deletes a lock only while it still holds its owner's token: a holder that outlived its lock never
# releases the lock another request took since.
_LOCK_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"


class _Health:
    """How one Redis server has been answering this process."""

    def __init__(self):
        self.lock = threading.Lock()
        self.outage = False  # failed since it last answered: `reconnected` is due
        self.down_until = 0.0  # time.monotonic() before which nobody tries it again
        self.failures = 0
        self.catching_up: int | None = None  # the thread running the `reconnected` receivers
        self.refusal_logged_at = -REFUSAL_LOG_INTERVAL


_servers: dict[str, _Health] = {}
_servers_lock = threading.Lock()


class _ReusedClients(RedisCacheClient):
    """Django's Redis client, keeping one `redis.Redis` per connection pool instead of making one per call.

    Making one copies some 170 reply parsers: about a tenth of an uncached list page's CPU time,
    for the twenty-odd calls it makes. A `redis.Redis` takes a connection from its pool for each
    command, so one is shared safely by all of a process's threads.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """Django's RedisCache, degraded to a cache that misses while Redis fails; see the module docstring."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_after = float(options.pop("RETRY_AFTER", 2))
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = _ReusedClients
        with _servers_lock:
            self._health = _servers.setdefault(",".join(self._servers), _Health())

    def _call(self, method, *args, default=None, **kwargs):
        health = self._health
        if health.catching_up != threading.get_ident():
            if time.monotonic() < health.down_until:
                return default
            if health.outage and not self._catch_up():
                return default
        try:
            return method(*args, **kwargs)
        except OutOfMemoryError as error:
            self._refused(error)
        except RedisError as error:
            self._failed(error)
        return default

    def _catch_up(self) -> bool:
        """First contact after a failure: the receivers of `reconnected` go first; False if they could not."""
        health = self._health
        if not health.lock.acquire(blocking=False):
            return False  # another thread is catching up: until it has, this one answers as if Redis were down
        try:
            if not health.outage:
                return True
            failures = health.failures
            health.catching_up = threading.get_ident()
            try:
                results = reconnected.send_robust(sender=type(self), cache=self)
            finally:
                health.catching_up = None
            errors = [result for _receiver, result in results if isinstance(result, Exception)]
            for error in errors:
                logger.error("Catching up with the cache failed; trying again on the next call", exc_info=error)
            if errors or health.failures != failures:
                return False
            health.outage = False
            logger.warning("The cache at %s answers again; pages are cached again", self._cache_location)
            return True
        finally:
            health.lock.release()

    def _failed(self, error: RedisError) -> None:
        health = self._health
        health.failures += 1
        health.down_until = time.monotonic() + self.retry_after
        if not health.outage:
            health.outage = True
            logger.warning(
                "The cache at %s is unreachable (%s); pages are served without it until it answers",
                self._cache_location,
                error,
            )
        else:
            logger.debug("The cache at %s is still unreachable: %s", self._cache_location, error)

    def _refused(self, error: RedisError) -> None:
        health = self._health
        now = time.monotonic()
        if now - health.refusal_logged_at >= REFUSAL_LOG_INTERVAL:
            health.refusal_logged_at = now
            logger.warning(
                "The cache at %s is full and refuses new entries (%s); set Redis's maxmemory-policy to "
                "allkeys-lru so it makes room",
                self._cache_location,
                error,
            )

    @property
    def _cache_location(self) -> str:
        # Never the password: only host, port and database of each server.
        return ", ".join(server.rsplit("@", 1)[-1] for server in self._servers)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().add, key, value, timeout, version, default=False)

    def get(self, key, default=None, version=None):
        return self._call(super().get, key, default, version, default=default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call(super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, key, timeout, version, default=False)

    def delete(self, key, version=None):
        return self._call(super().delete, key, version, default=False)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, keys, version, default={})

    def has_key(self, key, version=None):
        return self._call(super().has_key, key, version, default=False)

    def incr(self, key, delta=1, version=None):
        # Unreachable, the key is as absent as it is to `get`: BaseCache.incr raises ValueError then.
        missing = object()
        value = self._call(super().incr, key, delta, version, default=missing)
        if value is missing:
            raise ValueError(f"Key '{key}' not found (the cache is unavailable)")
        return value

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        result = self._call(super().set_many, data, timeout, version, default=None)
        return list(data) if result is None else result

    def delete_many(self, keys, version=None):
        self._call(super().delete_many, keys, version)

    def add_many(self, data: dict, timeout=DEFAULT_TIMEOUT) -> None:
        """`add` for each item, in one round trip (a page's purge stamps: tens to hundreds of keys)."""
        client_wrapper = self._cache

        def add_all() -> None:
            names = {self.make_and_validate_key(key): value for key, value in data.items()}
            pipeline = client_wrapper.get_client(None, write=True).pipeline(transaction=False)
            expiry = self.get_backend_timeout(timeout)
            for name, value in names.items():
                pipeline.set(name, client_wrapper._serializer.dumps(value), ex=expiry, nx=True)
            pipeline.execute()

        if data:
            self._call(add_all)

    # Short locks (serving/coalesce.py), as raw Redis strings: `SET NX PX` gives a lifetime in
    # milliseconds, which the cache API's whole seconds cannot. Redis not answering means nobody
    # holds a lock and every caller may go on: a lock must never make a reader wait on a dead Redis.

    def lock_claim(self, key: str, owner: str, *, milliseconds: int) -> bool:
        name = self.make_and_validate_key(key)
        return self._call(
            lambda: bool(self._cache.get_client(name, write=True).set(name, owner, nx=True, px=milliseconds)),
            default=True,
        )

    def lock_held(self, key: str) -> bool:
        name = self.make_and_validate_key(key)
        return self._call(lambda: bool(self._cache.get_client(name).exists(name)), default=False)

    def lock_release(self, key: str, owner: str) -> None:
        name = self.make_and_validate_key(key)
        self._call(lambda: self._cache.get_client(name, write=True).eval(_LOCK_RELEASE, 1, name, owner))

    def clear(self):
        return self._call(super().clear, default=False)
