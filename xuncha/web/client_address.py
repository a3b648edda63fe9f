"""The address of the client behind the request, seen through the trusted reverse proxies.

Behind nginx every request comes from the proxy's address (REMOTE_ADDR), and the client's is in
X-Forwarded-For, which the proxy appends to. Anyone can send that header, so it is read only
when the request comes from a proxy listed in XUNCHA_TRUSTED_PROXIES, and then from the right:
each hop a trusted proxy added is skipped, and the first address not in the list is the client
(what a client wrote into the header itself lies further left and is never reached). With no
trusted proxies configured the header is ignored and REMOTE_ADDR is the client.

Login lockouts (django-axes, through AXES_CLIENT_IP_CALLABLE) and the audit log's addresses
both use this function, so they always agree.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return None
    trusted = settings.XUNCHA_TRUSTED_PROXIES
    if not trusted or not _trusted(remote, trusted):
        return str(remote)
    client = remote
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(hop)
        if address is None:
            break  # not an address: nothing a trusted proxy wrote, so stop at the last trusted hop
        client = address
        if not _trusted(address, trusted):
            break
    return str(client)


def _address(value: str):
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


def _trusted(address, networks) -> bool:
    return any(address.version == network.version and address in network for network in networks)
