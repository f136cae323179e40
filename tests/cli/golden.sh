# golden.sh - the event coder's golden cases (tests/golden/): one per
# construction in French and English (places.jsonl: the event's place), and
# the seed article in both.
. tests/cli/lib.sh
python3 tests/golden/check.py "$DYAD" tests/golden/constructions.jsonl
python3 tests/golden/check.py "$DYAD" --seed examples/2022-08_russia-allies.fr.txt fr
python3 tests/golden/check.py "$DYAD" --seed tests/golden/seed.en.txt en
python3 tests/golden/check.py "$DYAD" tests/golden/places.jsonl
