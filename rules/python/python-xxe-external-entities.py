import xml.sax
from xml.sax import handler

from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.post("/invoices")
def upload_invoice():
    # ruleid: python-xxe-external-entities
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True)
    doc = etree.fromstring(request.data, parser)
    return {"total": doc.findtext("total")}


@app.post("/invoices/v2")
def upload_invoice_safe():
    # ok: python-xxe-external-entities
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    doc = etree.fromstring(request.data, parser)
    return {"total": doc.findtext("total")}


class FeedHandler(handler.ContentHandler):
    def __init__(self):
        super().__init__()
        self.titles = []


def parse_feed(stream):
    p = xml.sax.make_parser()
    # ruleid: python-xxe-external-entities
    p.setFeature(handler.feature_external_ges, True)
    # ok: python-xxe-external-entities
    p.setFeature(handler.feature_external_pes, False)
    # ok: python-xxe-external-entities
    p.setFeature(handler.feature_namespaces, True)
    h = FeedHandler()
    p.setContentHandler(h)
    p.parse(stream)
    return h.titles


def remote_dtd(data):
    # ruleid: python-xxe-external-entities
    parser = etree.XMLParser(dtd_validation=True, no_network=False)
    return etree.fromstring(data, parser)
