#!/bin/sh
# Regenerates the references for src/build/site-files.test.ts and src/build/page-head.test.ts:
# what Debian's Jekyll 4.3.1 + jekyll-feed 0.17.0 + jekyll-sitemap 1.4.0 + jekyll-seo-tag 2.8.0
# write for
#   seed/   the bundled seed post under the bundled site.config.yml;
#   cases/refs/  the small site in cases/ (_config.yml, _posts), with each post's head in heads/;
#   by-tag/ref/  the same posts under by-tag/_config.yml: jekyll-feed's per-category and per-tag
#                feeds (feed/), and posts_limit.
# The post layout is only `{% seo %}`, so a post's page is its head tags.
#   apt-get install -y jekyll ruby-jekyll-feed ruby-jekyll-sitemap ruby-jekyll-seo-tag
#   sh tests/fidelity/feed/make-refs.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# build <config> <out> <post files…>
build() {
  config=$1 out=$2
  shift 2
  site="$tmp/$(basename "$out")-site"
  mkdir -p "$site/_posts" "$site/_layouts" "$site/_includes/JB" "$out"
  cp "$@" "$site/_posts/"
  : > "$site/_includes/JB/setup"
  for l in default page; do printf '{{ content }}' > "$site/_layouts/$l.html"; done
  printf '{%% seo %%}' > "$site/_layouts/post.html"
  {
    cat "$config"
    printf '\nmarkdown: kramdown\n'
    # Fixes site.time (the feed's <updated>), so the reference does not change with the day.
    printf 'time: 2026-01-01 00:00:00 +0000\n'
    printf 'plugins:\n  - jekyll-feed\n  - jekyll-sitemap\n  - jekyll-seo-tag\n'
  } > "$site/_config.yml"
  TZ=UTC JEKYLL_ENV=production jekyll build --quiet -s "$site" -d "$site/_site"
  for f in feed.xml sitemap.xml robots.txt; do cp "$site/_site/$f" "$out/$f"; done
  jekyll --version > "$out/VERSIONS"
  dpkg-query -W -f '${Package} ${Version}\n' ruby-jekyll-feed ruby-jekyll-seo-tag ruby-jekyll-sitemap >> "$out/VERSIONS"
  echo "wrote $out"
}

build "$root/site.config.yml" "$here/seed" "$root/posts/2015-05-19-Vancouver-Summit-2015-Second-Day.md"
cp "$tmp/seed-site/_site/openstack/2015/05/19/Vancouver-Summit-2015-Second-Day/index.html" "$here/seed/head.html"
build "$here/cases/_config.yml" "$here/cases/refs" "$here"/cases/_posts/*.md
rm -rf "$here/cases/refs/heads" && mkdir -p "$here/cases/refs/heads"
find "$tmp/refs-site/_site" -name '*.html' -exec cp {} "$here/cases/refs/heads/" \;
build "$here/by-tag/_config.yml" "$here/by-tag/ref" "$here"/cases/_posts/*.md
rm -rf "$here/by-tag/ref/feed" && cp -r "$tmp/ref-site/_site/feed" "$here/by-tag/ref/feed"
