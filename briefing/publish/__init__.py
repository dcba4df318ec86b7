"""Files published beside the pages: open-data exports, the feed, redirects, the build date."""
