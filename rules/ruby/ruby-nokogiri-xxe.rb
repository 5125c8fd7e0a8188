require "nokogiri"

def import(xml)
  # ruleid: ruby-nokogiri-xxe
  doc = Nokogiri::XML(xml, nil, nil, Nokogiri::XML::ParseOptions::NOENT)
  doc.xpath("//item").map(&:text)
end

def import_block(xml)
  doc = Nokogiri::XML(xml) do |config|
    # ruleid: ruby-nokogiri-xxe
    config.strict.noent
  end
  doc.root
end

def import_safely(xml)
  # ok: ruby-nokogiri-xxe
  doc = Nokogiri::XML(xml, nil, nil, Nokogiri::XML::ParseOptions::STRICT)
  doc.root
end

def import_block_safely(xml)
  doc = Nokogiri::XML(xml) do |config|
    # ok: ruby-nokogiri-xxe
    config.strict.nonet
  end
  doc.root
end
