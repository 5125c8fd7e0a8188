<?php

function import_feed(string $xml)
{
    $doc = new DOMDocument();
    // ruleid: php-xxe-entity-loading
    $doc->loadXML($xml, LIBXML_NOENT | LIBXML_DTDLOAD);
    return $doc;
}

function import_feed_safely(string $xml)
{
    $doc = new DOMDocument();
    // ok: php-xxe-entity-loading
    $doc->loadXML($xml, LIBXML_NONET);
    return $doc;
}

function import_simple(string $xml)
{
    // ruleid: php-xxe-entity-loading
    return simplexml_load_string($xml, 'SimpleXMLElement', LIBXML_NOENT);
}

function import_simple_safely(string $xml)
{
    // ok: php-xxe-entity-loading
    return simplexml_load_string($xml);
}

function legacy(string $xml)
{
    // ruleid: php-xxe-entity-loading
    libxml_disable_entity_loader(false);
    // ok: php-xxe-entity-loading
    libxml_disable_entity_loader(true);
    $r = new XMLReader();
    $r->XML($xml);
    // ruleid: php-xxe-entity-loading
    $r->setParserProperty(XMLReader::SUBST_ENTITIES, true);
    $doc = new DOMDocument();
    // ruleid: php-xxe-entity-loading
    $doc->substituteEntities = true;
}
