class ReportsController < ApplicationController
  ACTIONS = { "archive" => :archive!, "publish" => :publish! }.freeze
  EXPORTERS = { "pdf" => PdfExport, "csv" => CsvExport }.freeze

  def update
    report = Report.find(params[:id])
    # ruleid: ruby-dynamic-dispatch-params
    report.send(params[:operation])
    # ok: ruby-dynamic-dispatch-params
    report.public_send(ACTIONS.fetch(params[:operation]))
    head :ok
  end

  def export
    # ruleid: ruby-dynamic-dispatch-params
    exporter = params[:format_class].constantize.new(current_user)
    # ok: ruby-dynamic-dispatch-params
    exporter2 = EXPORTERS.fetch(params[:format_class]).new(current_user)
    send_data exporter.render + exporter2.render
  end

  def preview
    # ruleid: ruby-dynamic-dispatch-params
    klass = Object.const_get(params[:type])
    # ok: ruby-dynamic-dispatch-params
    value = current_user.public_send(:display_name)
    # ruleid: ruby-dynamic-dispatch-params
    notifier = current_user.public_send("notify_by_#{params[:channel]}")
    render plain: "#{klass.name} #{value} #{notifier}"
  end
end
