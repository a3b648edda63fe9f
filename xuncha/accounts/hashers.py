"""PBKDF2-HMAC-SM3 password hashes (国密 SM3, GB/T 32905), for deployments that must store
passwords with the national hash.

Chosen with XUNCHA_PASSWORD_HASHER=pbkdf2_sm3, which puts this hasher first in
PASSWORD_HASHERS: Django then re-hashes a user's password with it at their next successful
login, so existing PBKDF2-SHA256 hashes move over without anyone being asked for anything.
The other hashers stay listed, so switching back works the same way.

The derivation is `cryptography`'s PBKDF2HMAC over its SM3 digest (OpenSSL's); the stored
form is Django's PBKDF2 one with its own algorithm name: ``pbkdf2_sm3$<iterations>$<salt>$<b64>``.
"""

import base64

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class PBKDF2SM3PasswordHasher(PBKDF2PasswordHasher):
    algorithm = "pbkdf2_sm3"
    # SM3 costs about 1.4 times SHA-256 per round in OpenSSL; 600,000 rounds (OWASP's figure for
    # PBKDF2-SHA256) keep a login near Django's own PBKDF2 time. Raising it later re-hashes at login.
    iterations = 600_000

    def encode(self, password, salt, iterations=None):
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

        self._check_encode_args(password, salt)
        iterations = iterations or self.iterations
        derived = PBKDF2HMAC(algorithm=hashes.SM3(), length=32, salt=salt.encode(), iterations=iterations).derive(
            password.encode()
        )
        encoded = base64.b64encode(derived).decode("ascii").strip()
        return f"{self.algorithm}${iterations}${salt}${encoded}"

