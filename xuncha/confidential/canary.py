from xuncha.confidential.models import CANARY_TEXT, KeyCanary
from xuncha.confidential.vault import decrypt, encrypt, key_ring


def verify_canaries() -> None:
    """Decrypt each stored canary whose key is configured (raising on a wrong key), and store
    one for the current key if it has none yet."""
    ring = key_ring()
    for canary in KeyCanary.objects.filter(key_id__in=list(ring.keys)):
        decrypt(canary.token, aad=f"canary:{canary.key_id}")
    if not KeyCanary.objects.filter(key_id=ring.current_id).exists():
        KeyCanary.objects.create(key_id=ring.current_id, token=encrypt(CANARY_TEXT, aad=f"canary:{ring.current_id}"))
