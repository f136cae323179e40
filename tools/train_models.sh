#!/bin/sh
# train_models.sh - trains the shipped syntax models data/models/{en,fr}.dsm
# from ../shared/data/ud-train (Universal Dependencies; sources and licenses
# in data/SOURCES.md) with `dyad train`. Deterministic: the same treebanks
# and options give the same bytes. Never trains or tunes on a test file:
# the files below are the train/tune splits named in ud-train/README.md.
#   tools/train_models.sh [en|fr]...   (default: both)
set -eu
cd "$(dirname "$0")/.."
UD=${UD:-../shared/data/ud-train}
DYAD=${DYAD:-build/dyad}
[ -d "$UD" ] || { echo "train_models: $UD is missing (it lives in ../shared)" >&2; exit 1; }
[ -x "$DYAD" ] || make build/dyad
mkdir -p data/models
langs=${*:-en fr}
# --prune keeps the files under 25 MB; epochs were chosen on the dev files
COMMON="--tagger-epochs 10 --parser-epochs 15 --jackknife 4 --seed 1 --prune 1.0 --prune-labeler 2.5"
for l in $langs; do
    case $l in
    en) "$DYAD" train --lang en -o data/models/en.dsm $COMMON --dev "$UD/en/ewt-dev.conllu" \
            "$UD/en/ewt-train.conllu" ;;
    fr) "$DYAD" train --lang fr -o data/models/fr.dsm $COMMON --dev "$UD/fr/sequoia-dev.conllu" \
            "$UD/fr/sequoia-train.conllu" "$UD/fr/gsd-dev.conllu" "$UD/fr/rhapsodie-train.conllu" \
            "$UD/fr/fqb-all.conllu" ;;
    *) echo "train_models: unknown language $l" >&2; exit 2 ;;
    esac
done
