#!/usr/bin/env bash
# Writes results/variants.md: reproductions that differ from another in one setting, compared per split and arm, paired
# by seed and Holm-adjusted, from the committed records alone (`workbench report A --against B`). Usage: bench/variant-comparisons.sh
set -euo pipefail
cd "$(dirname "$0")/.."
workbench=${WORKBENCH:-./workbench}
pairs=(
  "bone-marrow-quick-48px-bf16 bone-marrow-quick-bf16 Bone marrow: 48 px against 32 px (results/recipe.md chose 48 px on validation)"
  "poster-quick-crop90-typiclust-start-pretrained-10ep-bf16 poster-quick-crop90-random-start-pretrained-10ep-bf16 Cold start: TypiClust's initial labels against the same number drawn at random without labels"
  "poster-quick-crop90-typiclust-start-pretrained-10ep-bf16 poster-quick-crop90-pretrained-10ep-bf16 Cold start: TypiClust's initial labels against the stratified draw (which needs the labels)"
  "poster-quick-crop90-random-start-pretrained-10ep-bf16 poster-quick-crop90-pretrained-10ep-bf16 Cold start: a random draw without labels against the stratified draw"
)
{
  echo "# Variants: one setting changed, paired by seed"
  echo
  echo "Written by \`bench/variant-comparisons.sh\` from the committed records (\`workbench report results/A --against results/B\`):"
  echo "A − B per split and arm at round 0 and at the arm's last round, accuracy per image, Student t over the seeds both hold,"
  echo "each block one Holm-adjusted family. Only a comparison that survives is called a difference."
  for pair in "${pairs[@]}"; do
    read -r a b title <<<"$pair"
    echo
    echo "## $title"
    echo
    $workbench report "results/$a" --against "results/$b"
  done
} > results/variants.md
echo "written: results/variants.md"
