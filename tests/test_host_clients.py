"""HostClients: a client per host while its work is in flight or lately done; idle
clients are closed after IDLE_SECONDS or beyond the IDLE_HOSTS most recent, so that
the sockets kept open stay few however many hosts there are."""

from __future__ import annotations

import httpx

from aggregator.runtime.workers import IDLE_HOSTS, IDLE_SECONDS, HostClients


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_host_keeps_its_client_between_requests() -> None:
    clients = HostClients(httpx.Client, Clock())
    first = clients.take("a.example")
    second = clients.take("a.example")
    assert first is second
    assert clients.take("b.example") is not first
    clients.give("a.example")
    clients.give("a.example")
    assert clients.take("a.example") is first
    clients.close()
    assert first.is_closed


def test_an_idle_client_is_closed_after_the_keep_alive_time() -> None:
    clock = Clock()
    clients = HostClients(httpx.Client, clock)
    idle = clients.take("a.example")
    busy = clients.take("b.example")
    clients.give("a.example")
    clock.now = IDLE_SECONDS + 1
    clients.take("c.example")
    clients.give("c.example")  # a sweep: a.example has been idle too long
    assert idle.is_closed
    assert not busy.is_closed  # in use, however long
    assert clients.take("a.example") is not idle
    clients.close()


def test_idle_clients_beyond_the_most_recent_are_closed() -> None:
    clients = HostClients(httpx.Client, Clock())
    made = []
    for n in range(IDLE_HOSTS + 3):
        made.append(clients.take(f"h{n}.example"))
        clients.give(f"h{n}.example")
    assert [c.is_closed for c in made[:3]] == [True] * 3
    assert not any(c.is_closed for c in made[3:])
    assert clients.open_hosts() == IDLE_HOSTS
    clients.close()
    assert all(c.is_closed for c in made)
