"""Helpers shared by several test modules (test modules never import each other).

- ``problems``: assertions on problem+json answers.
- ``builders``: arranging through the HTTP API: the cycle factory, org units, a team,
  objectives with key results.
- ``seed``: arranging as rows: objectives and key results (rolled up or scored as given),
  alignments, check-ins.
- ``keys``: service API keys and the app's routes, for the scope and permission matrices.
- ``statements``: counting the SQL statements an app's engine sends.
- ``access_world``: an organisation with hidden drafts and credentials, for the access matrices.
- ``orgdata``: a small organisation of domain objects, for the unit tests.
- ``live``: ``okr serve`` in a subprocess and a fault-injecting proxy (free ports).
"""
