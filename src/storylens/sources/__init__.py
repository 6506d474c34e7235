"""Article sources beyond single files: feeds, OPML lists, sitemaps and WARC crawls.

Each source module yields ``Article | InputError`` lazily, so a crawl of any
size streams through ingest without being held in memory.
"""
