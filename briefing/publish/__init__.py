"""Stage 5, publish: files beside the pages (open-data exports, the feed, redirects, the build
date). It may use render (the redirect page is a template); render never uses it."""
