import { useEffect, useState } from 'react'
import QRCode from 'qrcode'

/**
 * The label stuck on a sample's package: its number as text and as a QR code (the code holds the
 * sample number alone, so any scanner — the laboratory's, a phone — reads the same identifier).
 */
export function SampleLabel({ sampleNo, productName, sampledOn }: { sampleNo: string; productName: string | null; sampledOn: string | null }) {
  const [src, setSrc] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    QRCode.toDataURL(sampleNo, { errorCorrectionLevel: 'M', margin: 1, width: 160 })
      .then((url) => live && setSrc(url))
      .catch(() => live && setSrc(null))
    return () => {
      live = false
    }
  }, [sampleNo])
  return (
    <div
      className="sample-label"
      data-testid="sample-label"
      style={{ display: 'flex', gap: 12, alignItems: 'center', border: '1px dashed #999', padding: 8, marginTop: 12, maxWidth: 360 }}
    >
      {src ? <img src={src} alt={`样品编号 ${sampleNo} 二维码`} width={96} height={96} data-testid="sample-qr" /> : null}
      <div>
        <div>样品标签</div>
        <div className="mono" style={{ fontSize: 18, fontWeight: 600 }}>
          {sampleNo}
        </div>
        <div>
          {productName} · {sampledOn}
        </div>
      </div>
    </div>
  )
}
