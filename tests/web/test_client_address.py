"""The client's address behind the reverse proxy: X-Forwarded-For only from trusted proxies."""

import ipaddress

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from xuncha.web.client_address import client_ip

PROXY = "10.0.0.5"


def _request(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.fixture
def behind_proxy(settings):
    settings.XUNCHA_TRUSTED_PROXIES = (ipaddress.ip_network(PROXY), ipaddress.ip_network("192.168.9.0/24"))


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.XUNCHA_TRUSTED_PROXIES = ()
    assert client_ip(_request(PROXY, "203.0.113.7")) == PROXY


def test_trusted_proxy_gives_the_forwarded_client(behind_proxy):
    assert client_ip(_request(PROXY, "203.0.113.7")) == "203.0.113.7"


def test_client_cannot_spoof_through_a_trusted_proxy(behind_proxy):
    # the client sent "X-Forwarded-For: 1.2.3.4"; nginx appended the real address
    assert client_ip(_request(PROXY, "1.2.3.4, 203.0.113.7")) == "203.0.113.7"
    assert client_ip(_request(PROXY, "not-an-address, 203.0.113.7")) == "203.0.113.7"


def test_direct_client_cannot_spoof_the_header(behind_proxy):
    assert client_ip(_request("203.0.113.7", "10.0.0.99")) == "203.0.113.7"


def test_chain_of_trusted_proxies_is_walked_from_the_right(behind_proxy):
    assert client_ip(_request(PROXY, "1.2.3.4, 203.0.113.7, 192.168.9.20")) == "203.0.113.7"


def test_trusted_proxy_without_header_is_the_client(behind_proxy):
    assert client_ip(_request(PROXY)) == PROXY
    assert client_ip(_request(PROXY, "garbage")) == PROXY


def test_trusted_proxies_setting_refuses_a_bad_value(monkeypatch):
    from xuncha.env import env_networks

    monkeypatch.setenv("XUNCHA_TRUSTED_PROXIES", "10.0.0.5, 10.1.0.0/16, ::1")
    assert [str(n) for n in env_networks("XUNCHA_TRUSTED_PROXIES", [])] == ["10.0.0.5/32", "10.1.0.0/16", "::1/128"]
    monkeypatch.setenv("XUNCHA_TRUSTED_PROXIES", "10.0.0.5, nginx")
    with pytest.raises(ImproperlyConfigured):
        env_networks("XUNCHA_TRUSTED_PROXIES", [])
