"""Two-factor login (django-otp): the rule (domain.py), the pages (views.py), and the
middleware that keeps a session without its second factor away from everything else."""
