#!/bin/sh
# Regenerates tests/fidelity/feed/seed/ (the reference for src/build/site-files.test.ts):
# what Debian's Jekyll 4.3.1 + jekyll-feed 0.17.0 + jekyll-sitemap 1.4.0 write for the bundled
# seed post under the bundled site.config.yml.
#   apt-get install -y jekyll ruby-jekyll-feed ruby-jekyll-sitemap
#   sh tests/fidelity/feed/make-refs.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
mkdir -p "$site/_posts" "$site/_layouts" "$site/_includes/JB"
cp "$root/posts/2015-05-19-Vancouver-Summit-2015-Second-Day.md" "$site/_posts/"
: > "$site/_includes/JB/setup"
for l in default post page; do printf '{{ content }}' > "$site/_layouts/$l.html"; done
{
  cat "$root/site.config.yml"
  printf '\nmarkdown: kramdown\n'
  # Fixes site.time (the feed's <updated>), so the reference does not change with the day.
  printf 'time: 2026-01-01 00:00:00 +0000\n'
  printf 'plugins:\n  - jekyll-feed\n  - jekyll-sitemap\n'
} > "$site/_config.yml"
TZ=UTC JEKYLL_ENV=production jekyll build --quiet -s "$site" -d "$site/_site"
mkdir -p "$here/seed"
for f in feed.xml sitemap.xml robots.txt; do cp "$site/_site/$f" "$here/seed/$f"; done
jekyll --version > "$here/seed/VERSIONS"
dpkg-query -W -f '${Package} ${Version}\n' ruby-jekyll-feed ruby-jekyll-sitemap >> "$here/seed/VERSIONS"
echo "wrote $here/seed"
