"""Demo collection: `python -m repti_animal.demo` stocks the demo breeder's vivarium.

`data` says what the collection is (relative to today), `care` turns care profiles into log
bodies, `builder` creates it through the same service functions the API uses, `accounts`
finds the demo vivarium in core's tables (read only).
"""
